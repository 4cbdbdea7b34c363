using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace CaseManager.Web.Features.Resources;

public sealed partial class ResourceImportPage
{
    /// <summary>Larger files are refused before reading: 50 000 resources of a few hundred bytes fit well under it.</summary>
    private const int MaxFileMegabytes = 20;

    private byte[]? _file;
    private ImportReport? _report;
    private ImportProgress _progress;
    private string? _error;
    private string? _done;
    private bool _busy;
    private bool _refusedOnly;

    private double Percent => _progress.Total == 0 ? 0 : 100.0 * _progress.Written / _progress.Total;

    private IEnumerable<ImportRowResult> Shown => _report is null ? [] : _refusedOnly ? _report.Rows.Where(r => !r.Accepted) : _report.Rows;

    private async Task FileChosenAsync(InputFileChangeEventArgs e)
    {
        _error = null;
        _done = null;
        _report = null;
        _busy = true;
        try
        {
            using var buffer = new MemoryStream();
            await using (var stream = e.File.OpenReadStream(MaxFileMegabytes * 1024L * 1024L))
            {
                await stream.CopyToAsync(buffer);
            }

            _file = buffer.ToArray();
            _report = await Resources.PreviewImportAsync(new MemoryStream(_file));
        }
        catch (IOException)
        {
            _error = R["Import.TooLarge", MaxFileMegabytes];
        }
        catch (AccessDeniedException)
        {
            _error = L["Error.AccessDenied"];
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ImportAsync(ImportMode mode)
    {
        if (_file is null)
        {
            return;
        }

        _busy = true;
        _progress = default;
        var progress = new Progress<ImportProgress>(p =>
        {
            _progress = p;
            _ = InvokeAsync(StateHasChanged);
        });
        try
        {
            _report = await Resources.ImportAsync(new MemoryStream(_file), mode, progress);
            if (_report.Imported > 0)
            {
                _done = R["Import.Done", _report.Imported];
                Snackbar.Add(_done, Severity.Success);
            }
        }
        catch (AccessDeniedException)
        {
            _error = L["Error.AccessDenied"];
        }
        catch (Exception exception) when (exception is Microsoft.EntityFrameworkCore.DbUpdateException or Npgsql.NpgsqlException)
        {
            _error = R["Import.Failed"];
        }
        finally
        {
            _busy = false;
        }
    }
}
