using System.Diagnostics;
using System.Net.Sockets;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Notifications;
using OpenAeo.Tests.Certification;

namespace OpenAeo.Tests.Platform;

public class Notifications_come_by_e_mail_to_those_who_chose_them
{
    [Fact]
    public async Task A_submission_is_mailed_to_the_officer_who_chose_it_waits_while_SMTP_is_down_and_goes_when_it_is_up()
    {
        var port = LoopbackPorts.Next();
        await using var app = OpenAeoApp.OnSqlite();
        app.Settings["Smtp:Host"] = "127.0.0.1";
        app.Settings["Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Smtp:Tls"] = "None";
        app.Settings["Smtp:From"] = "OpenAeo <aeo@customs.example.tw>";
        app.Settings["Smtp:IntervalSeconds"] = "0";
        app.Settings["Node:PublicUrl"] = "https://aeo.customs.example.tw/";
        var lin = await app.ClientAs(Role.ProgrammeOfficer, name: "po-lin");
        var wu = await app.ClientAs(Role.ProgrammeOfficer, name: "po-wu");
        await Choose(lin, "lin@customs.example.tw", "Submitted");
        await Choose(wu, "wu@customs.example.tw", "Pause");
        var applicant = await Applicant.Register(app, "TW19191919");
        var id = (await applicant.Start("Standard")).Id;
        await applicant.FillAll(id);

        // Nobody is named on the application yet, so every programme officer is told; only po-lin chose submissions by e-mail.
        var submitted = await applicant.ByTrader($"/api/v1/applications/{id}/submission");
        var subject = $"Application {submitted.Reference}: the applicant submitted it";
        var sender = app.Services.GetRequiredService<MailSender>();

        (await sender.RunOnceAsync(CancellationToken.None)).Failed.ShouldBe(1);
        var waiting = await app.WithDb(db => db.OutboxMails().AsNoTracking().ToListAsync());
        var mail = waiting.ShouldHaveSingleItem();
        (mail.To, mail.Subject, mail.Status, mail.Attempts).ShouldBe(("lin@customs.example.tw", subject, OutboxMailStatus.Pending, 1));
        mail.LastError.ShouldNotBeNull().ShouldContain($"127.0.0.1:{port}");

        using var smtp = SmtpServer.Start(port);
        await smtp.Listening();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        (await sender.RunOnceAsync(CancellationToken.None)).Sent.ShouldBe(1);

        var received = (await smtp.Messages(1)).ShouldHaveSingleItem();
        received.ShouldContain("\nTo: lin@customs.example.tw");
        received.ShouldContain($"Subject: {subject}");
        received.ShouldContain($"https://aeo.customs.example.tw/applications/{id}");
        var sent = await app.WithDb(db => db.OutboxMails().AsNoTracking().SingleAsync());
        (sent.Status, sent.LastError, sent.Attempts).ShouldBe((OutboxMailStatus.Sent, null, 2));
        (await sender.RunOnceAsync(CancellationToken.None)).ShouldBe(new MailRound(0, 0));
    }

    private static async Task Choose(HttpClient person, string email, params string[] kinds) =>
        (await person.PutAsJsonAsync("/api/v1/me/notification-settings", new { email, byMail = kinds })).StatusCode.ShouldBe(
            HttpStatusCode.OK
        );

    /// <summary>Debian's aiosmtpd (package <c>python3-aiosmtpd</c>): a real SMTP server that prints every message it receives.</summary>
    private sealed class SmtpServer : IDisposable
    {
        private const string Python = "/usr/bin/python3";
        private const string End = "------------ END MESSAGE ------------";
        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
        private readonly Process process;
        private readonly int port;
        private readonly System.Text.StringBuilder output = new();

        private SmtpServer(Process process, int port)
        {
            this.process = process;
            this.port = port;
            process.OutputDataReceived += (_, e) =>
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            };
            process.BeginOutputReadLine();
        }

        public static SmtpServer Start(int port)
        {
            var start = new ProcessStartInfo(Python, ["-u", "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}"])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            if (!File.Exists(Python) || Process.Start(new ProcessStartInfo(Python, ["-c", "import aiosmtpd"])) is not { } probe)
            {
                return Missing();
            }

            probe.WaitForExit();
            return probe.ExitCode == 0 ? new SmtpServer(Process.Start(start)!, port) : Missing();
        }

        private static SmtpServer Missing()
        {
            const string reason = "E-mail tests did not run: install Debian's python3-aiosmtpd (./test.sh does).";
            if (Providers.RequireAll)
            {
                Assert.Fail(reason);
            }

            Assert.Skip(reason);
            return null!;
        }

        public async Task Listening()
        {
            var until = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    return;
                }
                catch (SocketException) when (until.Elapsed < Deadline && !process.HasExited)
                {
                    await Task.Delay(100);
                }
            }
        }

        /// <summary>The messages received, once there are at least <paramref name="count"/>.</summary>
        public async Task<List<string>> Messages(int count)
        {
            var until = Stopwatch.StartNew();
            while (true)
            {
                string text;
                lock (output)
                {
                    text = output.ToString();
                }

                var messages = text.Split(End).SkipLast(1).ToList();
                if (messages.Count >= count || until.Elapsed > Deadline)
                {
                    return messages;
                }

                await Task.Delay(100);
            }
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }

            process.Dispose();
        }
    }
}
