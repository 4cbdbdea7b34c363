using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CaseManager.Data;
using Microsoft.AspNetCore.DataProtection;

namespace CaseManager.Web.Hosting;

/// <summary>
/// The data-protection key ring (it protects the sign-in and antiforgery cookies) kept in
/// PostgreSQL, table data_protection_keys, under one application name: every instance on the
/// database reads the cookies the others issued, and a new container or server does not sign
/// anyone out. With <c>DataProtection:Certificate:Path</c> (a PKCS#12 file) and
/// <c>DataProtection:Certificate:Password</c>, the keys are encrypted at rest with that certificate.
/// </summary>
public static class DataProtection
{
    public const string ApplicationName = "CaseManager";
    public const string CertificatePathSetting = "DataProtection:Certificate:Path";
    public const string CertificatePasswordSetting = "DataProtection:Certificate:Password";

    public static IServiceCollection AddCaseManagerDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<CaseManagerDbContext>();
        var problems = new List<string>();
        var certificate = SettingProblems.Read(problems, () => ReadCertificate(configuration), null);
        // After the reading: the failure message is made of the problems found.
        services.AddSettingProblems("data-protection", problems);
        if (certificate is not null)
        {
            // Encrypts new keys with the certificate and decrypts with it without looking in a
            // certificate store (there is none to rely on under Linux).
            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        return services;
    }

    /// <summary>The configured certificate, or null when none is; a bad setting stops the start with its name.</summary>
    public static X509Certificate2? ReadCertificate(IConfiguration configuration)
    {
        var path = configuration[CertificatePathSetting];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{CertificatePathSetting}: the certificate file '{path}' does not exist.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[CertificatePasswordSetting], X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException exception)
        {
            throw new InvalidOperationException(
                $"{CertificatePathSetting}: '{path}' cannot be read as a PKCS#12 certificate with {CertificatePasswordSetting} ({exception.Message}).",
                exception);
        }

        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"{CertificatePathSetting}: the certificate in '{path}' has no private key; the keys could not be decrypted.");
        }

        return certificate;
    }
}
