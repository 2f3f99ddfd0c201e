using System.Net;
using System.Text;
using Herald.Server.Api;
using Herald.Tests.Shared;
using Herald.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Herald.Tests.Alerts;

/// <summary>Each channel against a real receiver on loopback: an SMTP server, a Slack-style hook, a signed webhook that fails first.</summary>
public sealed class AlertChannelTests : LoopbackAlertTests
{
    [Fact]
    public async Task EmailAlert_IsReceivedByTheSmtpServer_LoggedInWithTheStoredPassword()
    {
        await using var smtp = SmtpReceiver.Start(user: "herald", password: "smtp-password-7f3a");
        await Harness.Api.AddAlertAsync(new AlertInput("ops-mail", null, null, null, null, "email",
            EmailTo: ["ops@example.com", "oncall@example.com"], EmailFrom: "herald@example.com", SmtpHost: "127.0.0.1", SmtpPort: smtp.Port,
            SmtpUser: "herald", SmtpPassword: "smtp-password-7f3a", SmtpRequireTls: false));

        await Harness.Api.TestAlertAsync("ops-mail");

        await Eventually.TrueAsync(() => !smtp.Messages.IsEmpty, "the SMTP server received the alert");
        var mail = smtp.Messages.Single();
        mail.Subject.ShouldStartWith("[Herald]");
        mail.To.Mailboxes.Select(m => m.Address).ShouldBe(["ops@example.com", "oncall@example.com"]);
        mail.From.Mailboxes.Single().Address.ShouldBe("herald@example.com");
        mail.TextBody!.ShouldContain("the channel works");
        smtp.Logins.ShouldContain(("herald", "smtp-password-7f3a"));
        (await Harness.Api.WaitForSettledDeliveryAsync("ops-mail")).State.ShouldBe("delivered");
        (await Harness.Api.Http.GetStringAsync("/api/alerts/ops-mail")).ShouldNotContain("smtp-password-7f3a");
    }

    [Fact]
    public async Task EmailAlert_WithAWrongPassword_FailsTheAttemptSayingSoWithoutThePassword()
    {
        await using var smtp = SmtpReceiver.Start(user: "herald", password: "the-right-one");
        await Harness.Api.AddAlertAsync(new AlertInput("wrong-mail", null, null, null, null, "email",
            EmailTo: ["ops@example.com"], EmailFrom: "herald@example.com", SmtpHost: "127.0.0.1", SmtpPort: smtp.Port,
            SmtpUser: "herald", SmtpPassword: "wrong-password-91c2", SmtpRequireTls: false));

        await Harness.Api.TestAlertAsync("wrong-mail");

        await Eventually.TrueAsync(async () => (await Harness.Api.GetAlertAsync("wrong-mail")).Deliveries[0].Attempts.Count >= 1, "an attempt is recorded");
        var attempt = (await Harness.Api.GetAlertAsync("wrong-mail")).Deliveries[0].Attempts[0];
        attempt.Delivered.ShouldBeFalse();
        attempt.Error!.ShouldContain("user name or password");
        (await Harness.Api.Http.GetStringAsync("/api/alerts/wrong-mail")).ShouldNotContain("wrong-password-91c2");
        smtp.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task SlackAlert_PostsTheTextToTheIncomingWebhook()
    {
        await using var slack = await WebhookReceiver.StartAsync(secret: null);
        await Harness.Api.AddAlertAsync(new AlertInput("ops-slack", null, null, null, null, "slack",
            Url: new Uri(slack.BaseUrl, "/services/T000/B000/XXXXSECRETXXXX").AbsoluteUri));

        await Harness.Api.TestAlertAsync("ops-slack");

        await Eventually.TrueAsync(() => !slack.Requests.IsEmpty, "the Slack hook received the alert");
        var (path, body, _) = slack.Requests.Single();
        path.ShouldBe("/services/T000/B000/XXXXSECRETXXXX");
        System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("text").GetString()!.ShouldContain("the channel works");
        var shown = await Harness.Api.Http.GetStringAsync("/api/alerts");
        shown.ShouldNotContain("XXXXSECRETXXXX");
        shown.ShouldContain("Slack webhook on 127.0.0.1");
    }

    [Fact]
    public async Task Delivery_IsRetriedAfterAReceiverError_AndTheRulesPageShowsBothAttempts()
    {
        Receiver.ThenAnswer(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsync("receiver is down for maintenance");
        });
        await Harness.Api.AddAlertAsync(new AlertInput("retried", null, null, null, null, "webhook",
            Url: new Uri(Receiver.BaseUrl, "/retried").AbsoluteUri, SigningSecret: AlertHarness.SigningSecret));

        await Harness.Api.TestAlertAsync("retried");

        var delivery = await Harness.Api.WaitForSettledDeliveryAsync("retried");
        delivery.State.ShouldBe("delivered");
        delivery.Attempts.Count.ShouldBe(2);
        delivery.Attempts[0].Delivered.ShouldBeFalse();
        delivery.Attempts[0].Status.ShouldBe(500);
        delivery.Attempts[0].Error!.ShouldContain("receiver is down for maintenance");
        delivery.Attempts[1].Delivered.ShouldBeTrue();
        Receiver.Verified.Count.ShouldBe(1);
        Receiver.Requests.Count.ShouldBe(2, "one failed and one delivered request");

        using var page = await Harness.Api.Http.GetAsync("/api/alerts/retried");
        (await page.Content.ReadAsStringAsync()).ShouldNotContain(AlertHarness.SigningSecret["whsec_".Length..]);
    }

    [Fact]
    public async Task HugeAnswerFromTheReceiver_IsReadOnlyUpToTheLimit()
    {
        Receiver.ThenAnswer(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            var chunk = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
            try
            {
                // Up to 256 MB. Once Herald hangs up, Kestrel completes writes silently and signals the abort a little later.
                for (var i = 0; i < 4096 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException)
            {
                // Herald hung up mid-write.
            }
        });
        await Harness.Api.AddAlertAsync(new AlertInput("huge", null, null, null, null, "webhook",
            Url: new Uri(Receiver.BaseUrl, "/huge").AbsoluteUri, SigningSecret: AlertHarness.SigningSecret));

        await Harness.Api.TestAlertAsync("huge");

        var delivery = await Harness.Api.WaitForSettledDeliveryAsync("huge");
        delivery.State.ShouldBe("delivered", "the retry after the huge answer is delivered");
        var first = delivery.Attempts[0];
        first.Status.ShouldBe(502);
        first.Error!.Length.ShouldBeLessThan(1100, "the stored error is bounded");
        // Had Herald read the whole answer, it would have kept the connection for the retry: a new one shows it hung up.
        Receiver.ConnectionIds.Distinct().Count().ShouldBe(2, "Herald closed the connection instead of reading 256 MB");
    }

    [Fact]
    public async Task SlackUrlEchoedByTheReceiver_IsScrubbedFromTheDeliveryHistory()
    {
        await using var slack = await WebhookReceiver.StartAsync(secret: null);
        slack.ThenAnswer(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync($"no hook at {context.Request.Path} (full: {slack.BaseUrl.AbsoluteUri.TrimEnd('/')}{context.Request.Path})");
        });
        await Harness.Api.AddAlertAsync(new AlertInput("echoed", null, null, null, null, "slack",
            Url: new Uri(slack.BaseUrl, "/services/T111/B222/ECHOEDSECRET").AbsoluteUri));

        await Harness.Api.TestAlertAsync("echoed");

        var delivery = await Harness.Api.WaitForSettledDeliveryAsync("echoed");
        delivery.Attempts[0].Status.ShouldBe(404);
        delivery.Attempts[0].Error!.ShouldContain("[secret]");
        (await Harness.Api.Http.GetStringAsync("/api/alerts/echoed")).ShouldNotContain("ECHOEDSECRET");
        foreach (var file in Directory.GetFiles(Harness.DataDirectory, "herald.db*"))
        {
            // Stored encrypted: neither the database nor its write-ahead log holds the URL's secret part.
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Encoding.Latin1.GetString(copy.ToArray()).ShouldNotContain("ECHOEDSECRET", customMessage: Path.GetFileName(file));
        }
    }
}
