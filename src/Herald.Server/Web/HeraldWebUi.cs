using Herald.Server.Hosting;
using Herald.Server.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.Options;

namespace Herald.Server.Web;

/// <summary>
/// The web UI: server-rendered Razor Pages under <c>Web/Pages</c>, signed in with the API key (a cookie),
/// its stylesheet and script embedded in this assembly. The REST API keeps its own header key.
/// </summary>
internal static class HeraldWebUi
{
    public static WebApplicationBuilder AddHeraldWebUi(this WebApplicationBuilder builder)
    {
        // Data protection warns that its keys are not encrypted at rest; they sit in the data directory beside
        // Herald's other keys, guarded alike by the folder's permissions.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        var services = builder.Services;
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Web/Pages";
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AllowAnonymousToPage("/SignIn");
            // The hand-over link is for the account holder, who has no Herald account: the link's token is the permission.
            options.Conventions.AllowAnonymousToPage("/Handover");
        }).ConfigureApplicationPartManager(AddThisAssemblyOnce);
        services.AddAuthentication(WebSignIn.Scheme).AddCookie(WebSignIn.Scheme, WebSignIn.Configure)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddSingleton(sp => new SignInThrottle(sp.GetRequiredService<IOptions<HeraldOptions>>().Value.Web.SignInFailuresPerMinute));
        services.AddSingleton<ThrottledPasswordChange>();
        services.AddAuthorization(options => options.AddPolicy(ApiKeyAuthentication.Policy, policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser()));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "herald.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        // The sign-in cookie and the forms' tokens stay valid across restarts and between instances sharing
        // the data directory.
        services.AddDataProtection().SetApplicationName("Herald");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<HeraldOptions>, ILoggerFactory>((keys, herald, loggers) =>
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(herald.Value.DataDirectory, "ui-keys")), loggers));
        return builder;
    }

    public static WebApplication MapHeraldWebUi(this WebApplication app)
    {
        // The API answers errors in JSON; a person in a browser gets a page in plain words instead.
        app.UseWhen(WebErrors.IsUiRequest, ui => ui
            .UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WebErrors.WriteExceptionPageAsync })
            .UseStatusCodePages(WebErrors.WriteStatusPageAsync));
        app.UseStaticFiles(WebAssets.StaticFileOptions());
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        // The form's own helper, behind the UI's sign-in: not part of the API, so not in its description.
        app.MapGet(DestinationRulesEndpoint.Route, DestinationRulesEndpoint.Check).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    // The pages are found in this assembly whatever the entry assembly is (the CLI, a test host, a packed
    // tool); the CLI's own discovery may already have added it, and a second copy would duplicate every route.
    private static void AddThisAssemblyOnce(ApplicationPartManager manager)
    {
        var assembly = typeof(HeraldWebUi).Assembly;
        if (manager.ApplicationParts.OfType<AssemblyPart>().Any(part => part.Assembly == assembly))
        {
            return;
        }
        foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
        {
            manager.ApplicationParts.Add(part);
        }
    }
}
