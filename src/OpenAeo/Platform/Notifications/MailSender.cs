using System.Diagnostics.Metrics;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using OpenAeo.Platform.Operations;

namespace OpenAeo.Platform.Notifications;

internal enum SmtpTls
{
    /// <summary>Plain SMTP: only for a relay on the same host or a closed network.</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS, which the server must offer (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

/// <summary>The <c>Smtp</c> settings; without <see cref="Host"/> no e-mail is written or sent (ADR 0065).</summary>
internal sealed class SmtpOptions
{
    public string? Host { get; set; }

    /// <summary>0: the usual port of <see cref="Tls"/> (25, 587, 465).</summary>
    public int Port { get; set; }

    /// <summary>The sender's mailbox, <c>OpenAeo &lt;aeo@customs.example&gt;</c> or a bare address.</summary>
    public string? From { get; set; }

    public string? User { get; set; }

    public string? Password { get; set; }

    public SmtpTls Tls { get; set; } = SmtpTls.StartTls;

    /// <summary>How often a node looks for mail to send; 0: never.</summary>
    public double IntervalSeconds { get; set; } = 10;

    public int TimeoutSeconds { get; set; } = 30;

    public bool Configured => !string.IsNullOrWhiteSpace(Host);

    public int PortOrDefault =>
        Port > 0
            ? Port
            : Tls switch
            {
                SmtpTls.None => 25,
                SmtpTls.SslOnConnect => 465,
                _ => 587,
            };
}

/// <summary>What one round did.</summary>
internal sealed record MailRound(int Sent, int Failed, string? Refusal = null);

/// <summary>
/// The only sender of e-mail: each round, under a lease so that one node sends at a time, sends the outbox's due mails
/// over one SMTP connection, marks each sent, or records the error and when to try again (ADR 0065). Delivery is at
/// least once: a crash between the server's "250" and the save sends that mail again, with the same Message-ID.
/// </summary>
internal sealed class MailSender(
    IServiceScopeFactory scopes,
    DatabaseLeases leases,
    IOptions<SmtpOptions> options,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<MailSender> log
)
{
    public const string LeaseName = "mail";

    private const int Batch = 50;

    public async Task<MailRound> RunOnceAsync(CancellationToken ct)
    {
        var smtp = options.Value;
        if (!smtp.Configured)
        {
            return new MailRound(0, 0);
        }

        // Most rounds find nothing due: a read, never a lease write.
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = clock.GetUtcNow();
            if (!await Due(scope.ServiceProvider.GetRequiredService<OpenAeoDb>(), now).AnyAsync(ct))
            {
                return new MailRound(0, 0);
            }
        }

        var attempt = await leases.TryAcquireAsync(LeaseName, ct);
        if (attempt.Held is not { } lease)
        {
            return new MailRound(0, 0, attempt.Holder!.AlreadyRunning("E-mail delivery"));
        }

        await using (lease)
        {
            return await SendDueAsync(smtp, ct);
        }
    }

    private static IQueryable<OutboxMail> Due(OpenAeoDb db, DateTimeOffset now) =>
        db.OutboxMails().Where(m => m.Status == OutboxMailStatus.Pending && m.NextAttemptAt <= now);

    private async Task<MailRound> SendDueAsync(SmtpOptions smtp, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenAeoDb>();
        var due = await Due(db, clock.GetUtcNow()).OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(Batch).ToListAsync(ct);
        if (due.Count == 0)
        {
            return new MailRound(0, 0);
        }

        using var client = new SmtpClient { Timeout = Math.Max(1, smtp.TimeoutSeconds) * 1000 };
        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.PortOrDefault, Secure(smtp.Tls), ct);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
            }
        }
        catch (Exception e) when (IsSmtpFailure(e))
        {
            // The server is down or refuses us: every due mail waits for its next attempt, with the reason.
            var error = $"{smtp.Host}:{smtp.PortOrDefault}: {e.Message}";
            log.LogWarning("E-mail: cannot reach the SMTP server, {Count} mails wait: {Error}", due.Count, error);
            foreach (var mail in due)
            {
                mail.Failed(error, clock.GetUtcNow(), Random.Shared.NextDouble());
                LogGivenUp(mail);
            }

            await db.SaveChangesAsync(CancellationToken.None);
            return new MailRound(0, due.Count);
        }

        int sent = 0,
            failed = 0;
        var publicUrl = configuration["Node:PublicUrl"];
        foreach (var mail in due)
        {
            try
            {
                await client.SendAsync(Compose(mail, smtp.From!, publicUrl), ct);
                mail.Sent(clock.GetUtcNow());
                sent++;
            }
            catch (Exception e) when (IsSmtpFailure(e))
            {
                mail.Failed(e.Message, clock.GetUtcNow(), Random.Shared.NextDouble());
                log.LogWarning("E-mail {Id} not sent (attempt {Attempts}): {Error}", mail.Id, mail.Attempts, e.Message);
                LogGivenUp(mail);
                failed++;
            }

            // One mail at a time: a crash resends at most the mail in flight.
            await db.SaveChangesAsync(CancellationToken.None);
            if (!client.IsConnected)
            {
                break;
            }
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }

        return new MailRound(sent, failed);
    }

    private void LogGivenUp(OutboxMail mail)
    {
        if (mail.Status == OutboxMailStatus.Failed)
        {
            log.LogError("E-mail {Id} given up after {Attempts} attempts: {Error}", mail.Id, mail.Attempts, mail.LastError);
        }
    }

    private static bool IsSmtpFailure(Exception e) =>
        e
            is IOException
                or System.Net.Sockets.SocketException
                or SmtpCommandException
                or SmtpProtocolException
                or AuthenticationException
                or SslHandshakeException
                or ServiceNotConnectedException
                or ServiceNotAuthenticatedException
                or TimeoutException
                or ParseException
                or InvalidOperationException;

    private static SecureSocketOptions Secure(SmtpTls tls) =>
        tls switch
        {
            SmtpTls.None => SecureSocketOptions.None,
            SmtpTls.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };

    /// <summary>
    /// The e-mail of one outbox row: the notification's subject and body as the reader sees them in the application, the
    /// link (absolute with <c>Node:PublicUrl</c>) and why the mail came. Plain text only.
    /// </summary>
    public static MimeMessage Compose(OutboxMail mail, string from, string? publicUrl)
    {
        var root = publicUrl is { Length: > 0 } url ? url.TrimEnd('/') : "";
        var text = new System.Text.StringBuilder(mail.Body.TrimEnd()).Append("\n\n");
        if (mail.Link is { } link)
        {
            text.Append("Open it in OpenAeo: ").Append(root).Append(link).Append("\n\n");
        }

        text.Append("-- \nYou receive this e-mail because you chose to get \"")
            .Append(mail.Kind)
            .Append("\" notifications by e-mail. Change that in OpenAeo at ")
            .Append(root)
            .Append("/notifications/settings.\n");
        var sender = MailboxAddress.Parse(from);
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            Date = mail.CreatedAt,
            MessageId = $"openaeo.{mail.Id}.{mail.CreatedAt.ToUnixTimeMilliseconds()}@{sender.Domain}",
            Body = new TextPart("plain") { Text = text.ToString() },
        };
        message.From.Add(sender);
        message.To.Add(MailboxAddress.Parse(mail.To));
        return message;
    }
}

/// <summary>Runs the sender every <c>Smtp:IntervalSeconds</c> of real time (the injected clock may be a test's, moved by years).</summary>
internal sealed class MailSenderService(MailSender sender, IOptions<SmtpOptions> options, ILogger<MailSenderService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var smtp = options.Value;
        if (!smtp.Configured || smtp.IntervalSeconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(smtp.IntervalSeconds));
        do
        {
            try
            {
                var round = await sender.RunOnceAsync(stoppingToken);
                if (round.Sent + round.Failed > 0)
                {
                    log.LogInformation("E-mail: {Sent} sent, {Failed} attempts failed", round.Sent, round.Failed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next round tries again; a mail is marked only after the server took it.
                log.LogError(e, "E-mail round failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>The outbox's mails waiting (<c>state=pending</c>) and given up (<c>state=failed</c>), for
/// <see cref="OpenAeoMetrics.MailOutbox"/>.</summary>
internal sealed class MailOutboxGauge : IGaugeReading
{
    public string Gauge => OpenAeoMetrics.MailOutbox;

    public IEnumerable<Measurement<double>> Measure(OpenAeoDb db, DateTimeOffset now)
    {
        var counts = db.OutboxMails()
            .Where(m => m.Status != OutboxMailStatus.Sent)
            .GroupBy(m => m.Status)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToList();
        foreach (var status in new[] { OutboxMailStatus.Pending, OutboxMailStatus.Failed })
        {
            yield return new Measurement<double>(
                counts.SingleOrDefault(c => c.Key == status)?.Count ?? 0,
                new KeyValuePair<string, object?>("state", status.ToString().ToLowerInvariant())
            );
        }
    }
}

internal static class MailSetup
{
    public static IServiceCollection AddOpenAeoMail(this IServiceCollection services)
    {
        services
            .AddOptions<SmtpOptions>()
            .BindConfiguration("Smtp")
            .Validate(
                o =>
                    !o.Configured
                    || (MailboxAddress.TryParse(o.From, out var from) && from.Address.Contains('@', StringComparison.Ordinal)),
                "Smtp:Host is set, so Smtp:From must be the sender's address (aeo@customs.example)."
            )
            .ValidateOnStart();
        services.AddSingleton<MailSender>();
        services.AddSingleton<MailOutbox>();
        services.AddHostedService<MailSenderService>();
        services.AddSingleton<IGaugeReading, MailOutboxGauge>();
        services.ConfigureDbContext<SqliteOpenAeoDb>((sp, o) => o.AddInterceptors(sp.GetRequiredService<MailOutbox>()));
        services.ConfigureDbContext<PostgresOpenAeoDb>((sp, o) => o.AddInterceptors(sp.GetRequiredService<MailOutbox>()));
        return services;
    }
}
