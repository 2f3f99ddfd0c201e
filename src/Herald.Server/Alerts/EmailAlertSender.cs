using System.Net;
using Herald.Application.Alerts;
using Herald.Core.Alerts;
using Herald.Core.Network;
using Herald.Core.Ports;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Herald.Server.Alerts;

/// <summary>
/// Sends an alert as a plain-text email through the rule's SMTP server with MailKit: implicit TLS on port 465, STARTTLS
/// required elsewhere (plain SMTP only when the rule says so, which needs <see cref="AlertOptions.AllowInsecureTargets"/>).
/// The connection is opened on an address checked like the webhooks' (no internal address in production).
/// </summary>
internal sealed class EmailAlertSender(IOptions<AlertOptions> options) : IAlertSender
{
    public AlertChannelKind Channel => AlertChannelKind.Email;

    public async Task SendAsync(AlertRule rule, string? secret, Guid deliveryId, AlertMessage message, CancellationToken cancellationToken)
    {
        var email = rule.Email ?? throw new AlertSendException("The email channel's settings are missing; remove the rule and add it again.");
        var mail = new MimeMessage { Subject = $"[Herald] {message.Title}", MessageId = $"{deliveryId:N}@herald.alerts" };
        mail.From.Add(MailboxAddress.Parse(email.From));
        foreach (var to in email.To)
        {
            mail.To.Add(MailboxAddress.Parse(to));
        }
        mail.Body = new TextPart("plain")
        {
            Text = $"{message.Title}\n\n{message.Text}\n\n{(message.RunId is { } run ? $"Run: {run}\n" : "")}At: {message.At:u}\nAlert rule: {rule.Name}\n",
        };
        var security = !email.RequireTls ? SecureSocketOptions.None : email.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        using var client = new SmtpClient { Timeout = (int)options.Value.SendTimeout.TotalMilliseconds };
        try
        {
            var stream = await AlertConnections.ConnectAsync(new DnsEndPoint(email.Host, email.Port), options.Value, cancellationToken);
            await client.ConnectAsync(stream, email.Host, email.Port, security, cancellationToken);
            if (email.UserName is not null)
            {
                await client.AuthenticateAsync(email.UserName, secret ?? "", cancellationToken);
            }
            await client.SendAsync(mail, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (SmtpCommandException exception)
        {
            throw new AlertSendException($"The SMTP server refused the alert: {(int)exception.StatusCode} {exception.Message}", (int)exception.StatusCode);
        }
        catch (AuthenticationException)
        {
            throw new AlertSendException("The SMTP server refused the user name or password; remove the rule and add it again with the right ones.");
        }
        catch (RefusedAddressException refused)
        {
            throw new AlertSendException(refused.Message);
        }
        catch (Exception exception) when (exception is SmtpProtocolException or SslHandshakeException or IOException or System.Net.Sockets.SocketException or ServiceNotConnectedException)
        {
            throw new AlertSendException($"The SMTP server {email.Host}:{email.Port} could not be used: {exception.Message}");
        }
    }
}
