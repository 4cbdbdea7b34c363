namespace CaseManager.Web.Features.Subsidies;

/// <summary>The document formats taken, recognized by their first bytes (a file's name or declared type proves nothing).</summary>
public static class DocumentFormats
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The content type the bytes are, or null when they are none of PDF, JPEG, PNG.</summary>
    public static string? Detect(ReadOnlySpan<byte> data) =>
        data.StartsWith(PdfMagic) ? Pdf
        : data.StartsWith(PngMagic) ? Png
        : data.StartsWith(JpegMagic) ? Jpeg
        : null;

    /// <summary>A file name without any path, control or reserved character, with the extension of its real type.</summary>
    public static string SafeFileName(string? fileName, string contentType)
    {
        var extension = contentType switch
        {
            Pdf => ".pdf",
            Png => ".png",
            Jpeg => ".jpg",
            _ => throw new ArgumentOutOfRangeException(nameof(contentType), contentType, null),
        };
        var name = Path.GetFileNameWithoutExtension((fileName ?? "").Replace('\\', '/').Split('/').Last());
        var cleaned = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim();
        if (cleaned.Length == 0)
        {
            cleaned = "document";
        }

        var max = Domain.Subsidies.SubsidyDocument.MaxFileNameLength - extension.Length;
        return (cleaned.Length > max ? cleaned[..max] : cleaned) + extension;
    }
}
