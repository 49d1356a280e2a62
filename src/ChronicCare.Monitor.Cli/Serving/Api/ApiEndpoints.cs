using System.Text.Json;
using ChronicCare.Monitor.Cli.Serving.Keys;
using ChronicCare.Monitor.Cli.Serving.Triage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ChronicCare.Monitor.Cli.Serving.Api;

/// <summary>
/// The triage API (JSON): list and show alerts (viewer), decide on an alert (reviewer; fraud or resale: supervisor),
/// reinstate an action (supervisor), and an unauthenticated health check for probes.
/// </summary>
internal static class ApiEndpoints
{
    /// <summary>A decision body is a few fields and a note: anything larger is refused unread.</summary>
    private const int MaxBody = 16 * 1024;

    public static void Map(IEndpointRouteBuilder app, TriageReads reads, TriageService triage)
    {
        var api = app.MapGroup(ServeRoutes.Api);

        api.MapGet("/health", async (CancellationToken ct) =>
        {
            var migrations = await reads.MigrationsAsync(ct).ConfigureAwait(false);
            return ApiJson.Ok(w =>
            {
                w.WriteStartObject();
                w.WriteString("status", "ok");
                w.WriteNumber("migrations", migrations);
                w.WriteEndObject();
            });
        });

        api.MapGet("/alerts", async (HttpContext http, CancellationToken ct) =>
        {
            if (AlertFilter.Parse(http.Request.Query, defaultStatus: null, out var error) is not { } query)
            {
                return ApiProblem.Of(StatusCodes.Status400BadRequest, error!);
            }

            var list = await reads.ListAsync(query, ct).ConfigureAwait(false);
            return ApiJson.Ok(w => ApiJson.List(w, list, query.Limit));
        }).RequireRole(ServeRole.Viewer);

        api.MapGet("/alerts/{id}", async (string id, CancellationToken ct) =>
            await reads.DetailAsync(id, ct).ConfigureAwait(false) is { } detail
                ? ApiJson.Ok(w => ApiJson.Detail(w, detail))
                : ApiProblem.Of(StatusCodes.Status404NotFound, $"alert {id} is not in the analytics store")).RequireRole(ServeRole.Viewer);

        api.MapPost("/alerts/{id}/decision", async (string id, HttpContext http, CancellationToken ct) =>
        {
            var (body, bodyError) = await ReadBodyAsync(http.Request, ct).ConfigureAwait(false);
            var request = body is null ? null
                : DecisionRequest.ForAlert(id, Field(body.Value, "decision"), Field(body.Value, "finding"), Field(body.Value, "note"), out bodyError);
            return request is null
                ? ApiProblem.Of(StatusCodes.Status400BadRequest, bodyError!)
                : await DecideAsync(http, request, ct).ConfigureAwait(false);
        }).RequireRole(ServeRole.Reviewer);

        api.MapPost("/actions/{id}/reinstate", async (string id, HttpContext http, CancellationToken ct) =>
        {
            var (body, bodyError) = await ReadBodyAsync(http.Request, ct).ConfigureAwait(false);
            var request = body is null ? null : DecisionRequest.ForAction(id, Field(body.Value, "note"), out bodyError);
            return request is null
                ? ApiProblem.Of(StatusCodes.Status400BadRequest, bodyError!)
                : await DecideAsync(http, request, ct).ConfigureAwait(false);
        }).RequireRole(ServeRole.Supervisor);

        async Task<IResult> DecideAsync(HttpContext http, DecisionRequest request, CancellationToken ct)
        {
            var result = await triage.DecideAsync(Caller.Of(http)!, request, ct).ConfigureAwait(false);
            if (result.Outcome is not { } outcome)
            {
                return ApiProblem.Of(result.Status, result.Reason!);
            }

            var patient = outcome.Decision.PatientId;
            var record = patient.Length == 0 ? null : await reads.IntegrityAsync(patient, ct).ConfigureAwait(false);
            return ApiJson.Ok(w => ApiJson.Decision(w, outcome, record));
        }
    }

    /// <summary>The JSON object of the body, or null with a one-line reason.</summary>
    private static async Task<(JsonElement? Body, string? Error)> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBody)
        {
            // Left unread, so the connection cannot carry another request: say so, or a client may reuse it.
            request.HttpContext.Response.Headers.Connection = "close";
            return (null, $"body: at most {MaxBody} bytes");
        }

        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct).ConfigureAwait(false);
            if (buffer.Length > MaxBody)
            {
                return (null, $"body: at most {MaxBody} bytes");
            }

            using var doc = JsonDocument.Parse(buffer.ToArray());
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? (doc.RootElement.Clone(), null)
                : (null, "body: expected a JSON object {\"decision\", \"finding\", \"note\"}");
        }
        catch (JsonException e)
        {
            return (null, $"body: not valid JSON ({e.Message.Split('\n')[0]})");
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own limit (MaxRequestBodySize) on a body that did not announce its length.
            return (null, $"body: {e.Message.Split('\n')[0]}");
        }
    }

    /// <summary>A string field; a field of another type reads as its raw text so the caller's check names it.</summary>
    private static string? Field(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : v.GetRawText();
}
