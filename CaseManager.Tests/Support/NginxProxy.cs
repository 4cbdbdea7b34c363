using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CaseManager.Tests.Support;

/// <summary>
/// A real nginx (Debian's package, which scripts/test.sh installs) in front of application
/// instances, as a child process. Its configuration is the one scripts/two-instances.sh runs:
/// scripts/lib/nginx.sh writes it around the production pieces of scripts/deploy/nginx, on a free
/// port of 18000-18999 with plain HTTP.
/// </summary>
public sealed class NginxProxy : IDisposable
{
    private readonly Process _process;

    public NginxProxy(params Uri[] upstreams)
    {
        Directory = Path.Combine(Path.GetTempPath(), $"casemanager-nginx-{Guid.NewGuid():N}");
        Port = FreePort();
        var servers = string.Join(' ', upstreams.Select(u => $"{u.Host}:{u.Port}"));
        Run("bash", "-c", $"source scripts/lib/postgres.sh && source scripts/lib/nginx.sh && nginx_write_config '{Directory}' {Port} {servers}");
        _process = Process.Start(new ProcessStartInfo(Binary, ["-p", Directory, "-c", Path.Combine(Directory, "nginx.conf")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        WaitUntilListening();
    }

    public string Directory { get; }

    public int Port { get; }

    public Uri RootUri => new($"http://127.0.0.1:{Port}/");

    /// <summary>The access log: one line per request, with the instance that answered (upstream=…).</summary>
    public string[] AccessLog() => File.Exists(Path.Combine(Directory, "access.log"))
        ? File.ReadAllLines(Path.Combine(Directory, "access.log"))
        : [];

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CaseManager.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("The repository (CaseManager.sln) is not above the test binaries.");
        }
    }

    private static string Binary => File.Exists("/usr/sbin/nginx")
        ? "/usr/sbin/nginx"
        : throw new InvalidOperationException("nginx is not installed: scripts/test.sh installs it (apt-get install nginx).");

    private void WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx stopped at start: {_process.StandardError.ReadToEnd()} {ErrorLog()}");
            }

            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }

    public string ErrorLog() => File.Exists(Path.Combine(Directory, "error.log")) ? File.ReadAllText(Path.Combine(Directory, "error.log")) : "";

    private static int FreePort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(18000, 19000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException("No free port in 18000-18999.");
    }

    private static void Run(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {error}");
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            // The master and its worker.
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A log still open by a worker being stopped: left in the temp folder.
        }
    }
}
