using System.CommandLine;
using OpenAeo.Platform;
using OpenAeo.Platform.Cli;
using OpenAeo.Registry;

namespace OpenAeo.MutualRecognition;

/// <summary>CLI verbs of mutual recognition: <c>mras add|import</c>, <c>partners add</c>, <c>exchange identity|pull|verify</c>.</summary>
internal static class MutualRecognitionCommands
{
    public static void Add(RootCommand root, IServiceProvider services)
    {
        root.Subcommands.Add(Mras(services));
        root.Subcommands.Add(PartnersCommand(services));
        root.Subcommands.Add(Exchange(services));
    }

    private static Command Mras(IServiceProvider services)
    {
        var mras = new Command("mras", "The MRA registry.");
        var parties = new Option<string>("--parties")
        {
            Description = "Economy or bloc codes separated by commas: TW,JP or PACIFICALLIANCE,MERCOSUR.",
            Required = true,
        };
        var status = new Option<string>("--status")
        {
            Description = "UnderNegotiation, ActionPlan, Signed, InForce, Suspended or Terminated.",
            Required = true,
        };
        var signed = new Option<DateOnly?>("--signed") { Description = "Date of signature (yyyy-mm-dd)." };
        var inForce = new Option<DateOnly?>("--in-force") { Description = "Date of entry into force (yyyy-mm-dd)." };
        var joint = new Option<DateOnly?>("--joint-validation-from")
        {
            Description =
                "From this day partner validation visits are recognised as the action plan's joint validations, "
                + "before entry into force (yyyy-mm-dd).",
        };
        var name = new Option<string?>("--name") { Description = "Display name (default: the parties)." };
        var add = new Command("add", "Add an MRA; prints its id.") { parties, status, signed, inForce, joint, name };
        add.SetAction(
            async (parse, ct) =>
            {
                await StartupTasks.RunAsync(services, serving: false, ct);
                await using var scope = services.CreateAsyncScope();
                var request = new MraRequest(
                    parse.GetValue(name),
                    parse.GetValue(parties)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                    parse.GetValue(status),
                    null,
                    null,
                    parse.GetValue(signed),
                    parse.GetValue(inForce),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    "added on the command line",
                    parse.GetValue(joint)
                );
                var outcome = await MraRegistry.Execute(
                    null,
                    request,
                    Actor.Cli,
                    scope.ServiceProvider.GetRequiredService<OpenAeoDb>(),
                    scope.ServiceProvider.GetRequiredService<TimeProvider>(),
                    ct
                );
                if (!outcome.IsOk)
                {
                    return CommandLine.Fail(parse.Error(), outcome.Errors.Select(e => $"{e.Field ?? "error"}: {e.Message}"));
                }

                parse.Out().WriteLine(MraRegistry.IdText(outcome.Value!));
                return 0;
            }
        );
        mras.Subcommands.Add(add);

        var import = FileImportCommand.Create(
            "Import MRAs from CSV: all or nothing; errors name file, line and column.",
            "CSV with columns parties (comma-separated, quoted),status and optionally name,action_plan,signed,"
                + "in_force,suspended,terminated,roles,tiers,benefits (';'-separated lists).",
            services,
            async (input, sp, ct) =>
            {
                var count = await ImportMras.Run(
                    input,
                    Actor.Cli,
                    sp.GetRequiredService<OpenAeoDb>(),
                    sp.GetRequiredService<TimeProvider>(),
                    ct
                );
                return $"{input.FileName}: {count} MRAs imported.";
            }
        );
        mras.Subcommands.Add(import);
        return mras;
    }

    private static Command PartnersCommand(IServiceProvider services)
    {
        var partners = new Command("partners", "Partner administrations whose status logs are replicated.");
        var economy = new Option<string>("--economy") { Description = "The partner's economy code.", Required = true };
        var url = new Option<string>("--url") { Description = "The partner node's base URL.", Required = true };
        var key = new Option<string>("--public-key")
        {
            Description = "The partner's public key (base64 DER, from its 'exchange identity').",
            Required = true,
        };
        var apiKey = new Option<string>("--api-key") { Description = "The API key the partner issued to this node.", Required = true };
        var agreement = new Option<string?>("--agreement")
        {
            Description = "MRA id (MRA-3) or 'sharing'; default: the registry's MRA between the two economies, else data-sharing.",
        };
        var add = new Command("add", "Register a partner (or update its URL, key or agreement).") { economy, url, key, apiKey, agreement };
        add.SetAction(
            async (parse, ct) =>
            {
                await StartupTasks.RunAsync(services, serving: false, ct);
                await using var scope = services.CreateAsyncScope();
                var sp = scope.ServiceProvider;
                var db = sp.GetRequiredService<OpenAeoDb>();
                var outcome = await RegisterPartner.Execute(
                    new PartnerRequest(
                        parse.GetValue(economy),
                        parse.GetValue(url),
                        parse.GetValue(key),
                        parse.GetValue(apiKey),
                        parse.GetValue(agreement),
                        "added on the command line"
                    ),
                    Actor.Cli,
                    db,
                    sp.GetRequiredService<NodeIdentity>(),
                    sp.GetRequiredService<PartnerKeys>(),
                    sp.GetRequiredService<TimeProvider>(),
                    ct
                );
                if (!outcome.IsOk)
                {
                    return CommandLine.Fail(parse.Error(), outcome.Errors.Select(e => $"{e.Field ?? "error"}: {e.Message}"));
                }

                var p = outcome.Value!;
                parse.Out().WriteLine($"{p.Economy}: {(p.MraId is { } m ? $"MRA-{m}" : "data-sharing")}");
                return 0;
            }
        );
        partners.Subcommands.Add(add);
        return partners;
    }

    private static Command Exchange(IServiceProvider services)
    {
        var exchange = new Command("exchange", "The signed AEO status log and its replication.");

        var identity = new Command(
            "identity",
            "Print this node's economy, log id and public key as JSON (creates the key pair on first run)."
        );
        identity.SetAction(
            async (parse, ct) =>
            {
                await StartupTasks.RunAsync(services, serving: false, ct);
                parse
                    .Out()
                    .WriteLine(System.Text.Encoding.UTF8.GetString(ExchangeApi.IdentityJson(services.GetRequiredService<NodeIdentity>())));
                return 0;
            }
        );
        exchange.Subcommands.Add(identity);

        var partner = new Option<string?>("--partner") { Description = "Only this partner (economy code)." };
        var pull = new Command("pull", "Run one replication round with each partner now; exit 1 if any fails.") { partner };
        pull.SetAction(
            async (parse, ct) =>
            {
                await StartupTasks.RunAsync(services, serving: false, ct);
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<OpenAeoDb>();
                var replicator = services.GetRequiredService<PartnerReplicator>();
                IReadOnlyList<PullResult> results;
                if (parse.GetValue(partner) is { } only)
                {
                    var economy = only.Trim().ToUpperInvariant();
                    if (
                        !await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
                            db.Partners(),
                            p => p.Economy == economy,
                            ct
                        )
                    )
                    {
                        return CommandLine.Fail(parse.Error(), [$"{economy} is not a registered partner."]);
                    }

                    results = [await replicator.PullAsync(db, economy, ct)];
                }
                else
                {
                    results = await replicator.PullAllAsync(db, dueOnly: false, ct);
                }

                foreach (var r in results)
                {
                    (r.Succeeded ? parse.Out() : parse.Error()).WriteLine(
                        r.Succeeded ? $"{r.Partner}: Healthy, tree size {r.TreeSize}, {r.NewEntries} new entries."
                        : r.Raced ? $"{r.Partner}: {r.Error}"
                        : $"{r.Partner}: {r.Health}, replica kept at tree size {r.TreeSize}. {r.Error}"
                    );
                }

                return results.All(r => r.Succeeded) ? 0 : CommandLine.Failed;
            }
        );
        exchange.Subcommands.Add(pull);

        var verify = new Command(
            "verify",
            "Check the local log end to end (every stored column of entries, nodes and signed heads) and each "
                + "partner's replica; exit 1 on any mismatch."
        );
        verify.SetAction(
            async (parse, ct) =>
            {
                await StartupTasks.RunAsync(services, serving: false, ct);
                await using var scope = services.CreateAsyncScope();
                var sp = scope.ServiceProvider;
                var db = sp.GetRequiredService<OpenAeoDb>();
                var node = sp.GetRequiredService<NodeIdentity>();
                await StatusPublisher.RunAsync(
                    db,
                    node,
                    sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<PublicationMark>(),
                    ct
                );
                var verification = await sp.GetRequiredService<LogSoundness>().VerifyAsync(db, node, ct);
                if (!verification.Sound)
                {
                    return CommandLine.Fail(parse.Error(), verification.Problems);
                }

                parse
                    .Out()
                    .WriteLine($"The log of {node.Economy} is sound: {await StatusLog.SizeAsync(db, ct)} entries rebuild the signed root.");
                return 0;
            }
        );
        exchange.Subcommands.Add(verify);
        return exchange;
    }
}
