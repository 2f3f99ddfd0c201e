using System.Text;
using System.Text.Json;
using Herald.Simulator.Api;
using Herald.Simulator.State;
using Microsoft.AspNetCore.Builder;

namespace Herald.Simulator.Inspection;

/// <summary>The simulator's own endpoints under <c>/_simulator</c>: what tests and the demo look at and steer,
/// and the files the download call hands out.</summary>
internal static class InspectionEndpoints
{
    public static void Map(WebApplication app, InsiderOneSimulator simulator, SimulatorState state)
    {
        var inspection = app.MapGroup("/_simulator");
        inspection.MapGet("/segments", () => Results.Json(simulator.Segments));
        inspection.MapGet("/requests", () => Results.Json(simulator.Requests));
        inspection.MapGet("/callbacks", () => Results.Json(simulator.Callbacks));
        inspection.MapGet("/faults", () => Results.Json(simulator.Faults));
        inspection.MapPut("/faults", (HttpRequest request) => ReplaceFaultsAsync(request, simulator));
        inspection.MapGet("/snowflake-imports", () => Results.Json(simulator.SnowflakeImports));
        inspection.MapPost("/snowflake-imports", (HttpRequest request) => ImportShareAsync(request, simulator));
        inspection.MapPost("/reset", () =>
        {
            simulator.Reset();
            return Results.NoContent();
        });
        app.MapGet(DownloadHandler.FilesPath + "/{fileId}.csv", (string fileId, HttpContext context) => ServeFileAsync(context, simulator.Faults, state, fileId));
    }

    private static async Task<IResult> ReplaceFaultsAsync(HttpRequest request, InsiderOneSimulator simulator)
    {
        SimulatorFaults? faults;
        try
        {
            faults = await request.ReadFromJsonAsync<SimulatorFaults>(request.HttpContext.RequestAborted);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            // ArgumentException: a setter refused a value (a negative count, a status outside 400-599).
            return Results.BadRequest(new StatusMessageBody($"invalid faults: {exception.Message}"));
        }

        if (faults is null)
        {
            return Results.BadRequest(new StatusMessageBody("invalid faults: the body is empty"));
        }

        simulator.Faults.ReplaceWith(faults);
        return Results.Json(simulator.Faults);
    }

    private static async Task<IResult> ImportShareAsync(HttpRequest request, InsiderOneSimulator simulator)
    {
        SnowflakeImport.ShareImportRequest? import;
        try
        {
            import = await request.ReadFromJsonAsync<SnowflakeImport.ShareImportRequest>(request.HttpContext.RequestAborted);
        }
        catch (JsonException exception)
        {
            return Results.BadRequest(new StatusMessageBody($"invalid import: {exception.Message}"));
        }

        if (import is null)
        {
            return Results.BadRequest(new StatusMessageBody("invalid import: the body is empty"));
        }

        try
        {
            return Results.Json(await simulator.ImportSnowflakeShareAsync(import, request.HttpContext.RequestAborted));
        }
        catch (InvalidOperationException exception)
        {
            return Results.Conflict(new StatusMessageBody(exception.Message));
        }
    }

    private static async Task ServeFileAsync(HttpContext context, SimulatorFaults faults, SimulatorState state, string fileId)
    {
        if (faults.FailSegmentFiles)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        if (state.File(fileId) is not { } values)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // The format of insider-one.md section 2: UTF-8 without a byte-order mark, one value per line, '\n'.
        context.Response.ContentType = "text/csv; charset=utf-8";
        await using var writer = new StreamWriter(
            context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true);
        foreach (var value in values)
        {
            await writer.WriteAsync(value);
            await writer.WriteAsync('\n');
        }

        await writer.FlushAsync(context.RequestAborted);
    }
}
