using System.Net;
using Herald.Storage.Files;
using Microsoft.AspNetCore.Diagnostics;

namespace Herald.Server.Web;

/// <summary>Error pages for people: what happened in plain words and where to go, never a stack trace.</summary>
internal static class WebErrors
{
    public static bool IsUiRequest(HttpContext context)
    {
        var path = context.Request.Path;
        return !path.StartsWithSegments("/api")
            && !path.StartsWithSegments("/callbacks")
            && !path.StartsWithSegments(LocalFileHost.UrlPath.TrimEnd('/'))
            && !path.StartsWithSegments(WebAssets.RequestPath);
    }

    public static Task WriteExceptionPageAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Herald.Web")
            .LogError(exception, "The web UI failed to handle {Path}", context.Request.Path.Value);
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return WriteAsync(context, "Something went wrong",
            "Herald could not show this page. Nothing you typed was saved by this request. Try again; if it keeps failing, the server's log has the details.");
    }

    public static Task WriteStatusPageAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        var (title, message) = context.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => ("Not found",
                "There is nothing at this address. It may have been deleted or renamed; start again from the menu."),
            StatusCodes.Status400BadRequest => ("The form could not be read",
                "The form may have expired (after a sign-out or a server restart). Go back, reload the page and send it again."),
            StatusCodes.Status405MethodNotAllowed => ("Not allowed here", "This address does not accept that kind of request; use the page's own buttons."),
            _ => ($"Error {context.Response.StatusCode}", "Herald could not show this page. Start again from the menu."),
        };
        return WriteAsync(context, title, message);
    }

    private static async Task WriteAsync(HttpContext context, string title, string message)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        var page = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{WebUtility.HtmlEncode(title)} · Herald</title><link rel="stylesheet" href="{WebAssets.Url("site.css")}"></head>
            <body><header class="site-header"><div class="bar"><a class="brand" href="/">Herald</a></div></header>
            <main id="main" class="error-page"><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(message)}</p>
            <p><a class="button" href="/">Go to the dashboard</a></p></main></body></html>
            """;
        await context.Response.WriteAsync(page);
    }
}
