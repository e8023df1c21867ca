using System.Diagnostics;
using System.Text.RegularExpressions;

namespace OpenAeo.Tests.Platform;

/// <summary>
/// The README's commands, run as a reader pastes them at the repository root: every <c>dotnet run</c> line of its code
/// blocks (with <c>--no-build</c>, since the tests run on a finished build), in order, on a fresh SQLite database in a
/// temporary folder. A README that drifts from the code fails here.
/// </summary>
public partial class The_readme
{
    private const string DotnetRun = "dotnet run --project src/OpenAeo";

    /// <summary>Command lines of the code blocks that are not run, by how they start, and why.</summary>
    private static readonly Dictionary<string, string> NotRun = new()
    {
        ["./test.sh"] = "runs every test, this one included",
        ["dotnet tool restore"] = "installs dotnet-ef for the migration commands below it",
        ["dotnet ef migrations add <Name>"] = "adds source files; <Name> is a placeholder",
        [$"{DotnetRun} -- --Database:Provider=Postgres"] = "needs a PostgreSQL server and its password",
    };

    /// <summary>Verbs of the command-line table that no runnable example shows, and why.</summary>
    private static readonly Dictionary<string, string> VerbsNotRun = new()
    {
        ["partners add"] = "needs a partner node's public key and address",
    };

    private static string Root => RepositoryFolder.Root;

    [Fact]
    public async Task Every_command_in_its_code_blocks_works_when_pasted_at_the_repository_root()
    {
        var (commands, skipped) = Commands(await File.ReadAllTextAsync(Path.Combine(Root, "README.md")));
        skipped
            .Select(s => NotRun.Keys.First(s.StartsWith))
            .Distinct()
            .Order()
            .ShouldBe(NotRun.Keys.Order(), "each listed exception still occurs in the README");
        commands.Count.ShouldBeGreaterThan(10);
        var database = Directory.CreateTempSubdirectory("openaeo-readme-").FullName;
        var written = commands.SelectMany(c => c.SkipWhile(a => a != "--out").Skip(1).Take(1)).Select(f => Path.Combine(Root, f)).ToList();
        var newFolders = written.Select(f => Path.GetDirectoryName(f)!).Distinct().Where(f => !Directory.Exists(f)).ToList();

        // Someone who tried the README has these files already: they are set aside and put back afterwards.
        var kept = Outputs(written).Select((file, n) => (File: file, Copy: Path.Combine(database, $"kept-{n}"))).ToList();
        kept.ForEach(k => File.Move(k.File, k.Copy));
        try
        {
            foreach (var command in commands)
            {
                var (exit, output) = await Run(command, database);
                exit.ShouldBe(0, $"{string.Join(' ', command)}\n{output}");
            }
        }
        finally
        {
            Outputs(written).ToList().ForEach(File.Delete);
            kept.ForEach(k => File.Move(k.Copy, k.File));
            foreach (var folder in newFolders.Where(f => Directory.Exists(f) && !Directory.EnumerateFileSystemEntries(f).Any()))
            {
                Directory.Delete(folder);
            }

            Directory.Delete(database, recursive: true);
        }
    }

    /// <summary>The files the commands write that exist now: each <c>--out</c> file and the charts written beside a report.</summary>
    private static IEnumerable<string> Outputs(IEnumerable<string> written) =>
        written
            .SelectMany(f =>
                Directory.Exists(Path.GetDirectoryName(f))
                    ? Directory.EnumerateFiles(Path.GetDirectoryName(f)!, Path.GetFileNameWithoutExtension(f) + "-*.svg").Prepend(f)
                    : []
            )
            .Where(File.Exists)
            .Distinct();

    [Fact]
    public async Task Every_verb_of_the_command_line_table_has_an_example_that_runs()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Root, "README.md"));
        var verbs = TableVerbs(readme);
        var shown = Commands(readme)
            .Commands.Select(c => string.Join(' ', c.SkipWhile(a => a != "--").Skip(1).TakeWhile(IsVerbWord)))
            .ToHashSet();

        verbs.ShouldContain("operators import");
        verbs
            .Where(v => !VerbsNotRun.ContainsKey(v))
            .Where(v => !shown.Contains(v))
            .ShouldBeEmpty("verbs in the table without a runnable example");
        VerbsNotRun.Keys.ShouldAllBe(v => verbs.Contains(v));
    }

    /// <summary>The <c>dotnet run</c> lines of the fenced code blocks as argument lists, and the lines deliberately not run.</summary>
    private static (List<string[]> Commands, List<string> Skipped) Commands(string readme)
    {
        var commands = new List<string[]>();
        var skipped = new List<string>();
        foreach (Match block in CodeBlock().Matches(readme))
        {
            foreach (var raw in block.Groups["body"].Value.Split('\n'))
            {
                var line = Comment().Replace(raw, "").Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                if (NotRun.Keys.Any(line.StartsWith))
                {
                    skipped.Add(line);
                }
                else if (line.StartsWith(DotnetRun, StringComparison.Ordinal))
                {
                    commands.Add(Split(line));
                }
                else
                {
                    Assert.Fail($"The README's code block has a line this test does not know how to run: {line}");
                }
            }
        }

        return (commands, skipped);
    }

    /// <summary>The verbs of the command-line table: the words after <c>openaeo</c> in its first column.</summary>
    private static HashSet<string> TableVerbs(string readme) =>
        [
            .. readme
                .Split('\n')
                .Where(l => l.StartsWith("| `openaeo", StringComparison.Ordinal))
                .SelectMany(l => InlineCode().Matches(l.Split(" | ")[0]).Select(m => m.Groups[1].Value))
                .Where(c => c.StartsWith("openaeo", StringComparison.Ordinal))
                .Select(c => string.Join(' ', c.Split(' ').Skip(1).TakeWhile(IsVerbWord)))
                .Where(v => v.Length > 0),
        ];

    private static bool IsVerbWord(string word) =>
        word.Length > 0 && char.IsAsciiLetterLower(word[0]) && word.All(c => char.IsAsciiLetterLower(c) || c == '-');

    /// <summary>
    /// Runs one command with its working directory at the repository root. <c>serve</c> runs until it answers its
    /// health check and its start page, then is stopped.
    /// </summary>
    private static async Task<(int Exit, string Output)> Run(string[] command, string database)
    {
        var serve = command.SkipWhile(a => a != "--").Skip(1).FirstOrDefault() is null or "serve";
        var url = LoopbackPorts.Url();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Root };
        var arguments = command.Skip(1).ToList();
        arguments.Insert(1, "--no-build");
        if (serve)
        {
            // Another OpenAeo may already listen on the README's port on this machine; the address is the only change.
            var urls = arguments.IndexOf("--urls");
            if (urls >= 0)
            {
                arguments.RemoveRange(urls, 2);
            }

            arguments.AddRange(["--urls", url]);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ConnectionStrings__OpenAeo"] = $"Data Source={Path.Combine(database, "openaeo.db")}";
        start.Environment["Node__KeyPath"] = Path.Combine(database, "node-key.pem");
        start.Environment["TimeRelease__InputFolder"] = Path.Combine(database, "trs-inputs");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (!serve)
        {
            return await RunningProcess.Run(start);
        }

        await using var server = RunningProcess.Start(start);
        using var http = new HttpClient();
        if (!await server.Healthy(http, url))
        {
            return (1, "serve did not answer its health check:\n" + server.Output);
        }

        var home = await http.GetAsync(url + "/");
        return (home.StatusCode == HttpStatusCode.OK ? 0 : 1, server.Output);
    }

    /// <summary>Splits a shell command line into arguments: whitespace separates, double or single quotes group.</summary>
    private static string[] Split(string line)
    {
        var arguments = new List<string>();
        var current = new StringBuilder();
        char? quote = null;
        var any = false;
        foreach (var c in line)
        {
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                any = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (any || current.Length > 0)
                {
                    arguments.Add(current.ToString());
                    current.Clear();
                    any = false;
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (any || current.Length > 0)
        {
            arguments.Add(current.ToString());
        }

        return [.. arguments];
    }

    [GeneratedRegex("```sh\\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex("\\s+#\\s.*$")]
    private static partial Regex Comment();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex InlineCode();
}
