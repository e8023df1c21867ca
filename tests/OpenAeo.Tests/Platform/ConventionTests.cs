using System.Text.RegularExpressions;

namespace OpenAeo.Tests.Platform;

/// <summary>The architecture's rules that the compiler does not check, checked on the source tree.</summary>
public partial class Conventions
{
    private static readonly string Root = RepositoryFolder.Root;

    private static readonly string[] Capabilities =
    [
        "Registry",
        "Certification",
        "MutualRecognition",
        "Clearance",
        "TimeRelease",
        "Insights",
        "Portal",
    ];

    [Fact]
    public void Platform_never_references_a_capability()
    {
        var offenders = Directory
            .EnumerateFiles(Path.Combine(Root, "src/OpenAeo/Platform"), "*.*", SearchOption.AllDirectories)
            .Where(f =>
                (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                && !f.Contains("/Migrations/", StringComparison.Ordinal)
            )
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => Capabilities.Any(c => Regex.IsMatch(x.line, $@"\bOpenAeo\.{c}\b")))
            .Select(x => $"{Path.GetRelativePath(Root, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void The_domain_project_has_no_package_or_project_references()
    {
        var project = File.ReadAllText(Path.Combine(Root, "src/OpenAeo.Domain/OpenAeo.Domain.csproj"));

        project.ShouldNotContain("<PackageReference");
        project.ShouldNotContain("<ProjectReference");
    }

    [Fact]
    public void The_domain_never_reads_the_system_clock()
    {
        var offenders = Directory
            .EnumerateFiles(Path.Combine(Root, "src/OpenAeo.Domain"), "*.cs", SearchOption.AllDirectories)
            .Where(f => ClockRegex().IsMatch(File.ReadAllText(f)))
            .ToList();

        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void The_app_takes_time_from_its_TimeProvider_so_tests_control_it()
    {
        var offenders = Directory
            .EnumerateFiles(Path.Combine(Root, "src/OpenAeo"), "*.*", SearchOption.AllDirectories)
            .Where(f =>
                (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                && !f.Contains("/Migrations/", StringComparison.Ordinal)
                && !f.Contains("/obj/", StringComparison.Ordinal)
            )
            .Where(f => AppClockRegex().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Root, f))
            .ToList();

        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void Capability_folders_have_the_same_names_in_the_domain_and_the_app()
    {
        var domain = Directory
            .GetDirectories(Path.Combine(Root, "src/OpenAeo.Domain"))
            .Select(Path.GetFileName)
            .Where(n => n is not ("bin" or "obj" or "Shared"));

        domain.ShouldAllBe(name => Directory.Exists(Path.Combine(Root, "src/OpenAeo", name!)));
    }

    [Fact]
    public void Domain_capabilities_do_not_depend_on_each_other_in_a_cycle()
    {
        Cycles(Dependencies("src/OpenAeo.Domain")).ShouldBeEmpty();
    }

    [Fact]
    public void Capabilities_do_not_depend_on_each_other_in_a_cycle_across_the_domain_and_the_app()
    {
        Cycles(Dependencies("src/OpenAeo.Domain", "src/OpenAeo")).ShouldBeEmpty();
    }

    [Fact]
    public void A_use_case_file_maps_one_endpoint()
    {
        var offenders = AppCapabilityFiles()
            .Select(f => (File: f, Count: EndpointMappingRegex().Count(File.ReadAllText(f))))
            .Where(x => x.Count > 1)
            .Select(x => $"{Path.GetRelativePath(Root, x.File)}: {x.Count} endpoint mappings")
            .ToList();

        offenders.ShouldBeEmpty();
    }

    /// <summary>
    /// ADR 0074: an endpoint whose handler is a method of its own file says who may call it and what it does in attributes
    /// on that method, and is named after its file by <c>MapUseCases</c>; its <c>Map</c> repeats none of it.
    /// </summary>
    [Fact]
    public void An_endpoint_has_one_description()
    {
        var offenders = new List<string>();
        foreach (var file in AppCapabilityFiles())
        {
            var text = File.ReadAllText(file);
            var useCase = Path.GetFileNameWithoutExtension(file);
            var mapping = EndpointMappingRegex().Match(text);
            var handler = mapping.Groups["handler"].Value;
            if (!mapping.Success || handler.Length == 0 || !Regex.IsMatch(text, $@"public static [^=;]*\b{handler}\("))
            {
                continue;
            }

            var start = text.LastIndexOf("public static void Map(", mapping.Index, StringComparison.Ordinal);
            var map = start < 0 ? text : MethodText(text, start);
            // A summary made at start-up (one that names a limit) cannot be an attribute's constant.
            var repeated = new Dictionary<string, string>
            {
                ["WithSummary"] = @"\.WithSummary\(\s*""",
                ["RequireAuthorization"] = @"\.RequireAuthorization\(",
                ["AllowAnonymous"] = @"\.AllowAnonymous\(",
                ["WithName"] = $@"\.WithName\(nameof\({useCase}\)\)",
            };
            offenders.AddRange(
                repeated
                    .Where(call => Regex.IsMatch(map, call.Value))
                    .Select(call => $"{Path.GetRelativePath(Root, file)}: {call.Key} belongs on {handler}")
            );
        }

        offenders.ShouldBeEmpty();
    }

    /// <summary>
    /// ADR 0072: a use case's <c>Execute</c> is mapped as its endpoint (<c>.AnswersOk&lt;T&gt;()</c> and its siblings), so a
    /// <c>Handle</c> that only turns the signed-in user into an actor and the outcome into HTTP results is not written again.
    /// What such a handler used to derive, <c>Execute</c> takes itself (the <c>NodeIdentity</c>, the <c>IOptions</c>), and an
    /// answer read after the change is the endpoint's view (<c>.AnswersOk&lt;T, TView&gt;</c>, <c>AnswersPartner</c>).
    /// </summary>
    [Fact]
    public void A_use_case_maps_its_Execute_rather_than_a_handler_that_only_forwards_to_it() =>
        AppCapabilityFiles()
            .Where(f => ForwardingHandlerRegex().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Root, f))
            .ShouldBeEmpty();

    /// <summary>
    /// A handler is a method an endpoint maps for a write (<c>MapPost</c>, <c>MapPut</c>, <c>MapPatch</c>, <c>MapDelete</c>),
    /// and any <c>Execute</c> method of a use-case file with a write mapping (the part the pages and the CLI share). It
    /// should load, call the domain for the decision, then act, so a long one that never calls the domain is deciding
    /// by itself where only HTTP tests reach it. Left out, with reasons: reads (<c>MapGet</c>: they load and shape, there is
    /// nothing to decide), seeders and imports of demo data (they replay use cases), modules, persistence and
    /// commands (plumbing). A call into the domain is a domain type's static member (<c>ApplicationWorkflow.Decide(</c>)
    /// or a method that only domain types declare called on a value (<c>application.Withdraw(</c>); the Shared results
    /// and limits and Platform's helpers (<c>Problems.OkOr</c>) do not count, since every handler uses them, nor do
    /// method names the app, strings, lists or LINQ also declare. N is 30 lines of the body that hold a word (the parameter
    /// list and lines of closing brackets do not count, so the formatter's wrapping does not change the measure): a
    /// load, a decision and an act fit.
    /// </summary>
    [Fact]
    public void A_long_handler_calls_the_domain_for_its_decision()
    {
        const int MaxLinesWithoutDecision = 30;
        var domainTypes = new HashSet<string>(StringComparer.Ordinal);
        var domainMethods = new HashSet<string>(StringComparer.Ordinal);
        // Shared's webhook rules decide (which receivers are allowed, which event types exist) for the Registry's webhook
        // use cases, unlike Shared's results and limits, which every handler uses: they count as the domain.
        var sharedDecisions = Directory.EnumerateFiles(Path.Combine(Root, "src/OpenAeo.Domain/Shared/Webhooks"), "*.cs");
        foreach (var file in CapabilityFiles("src/OpenAeo.Domain", ".cs").Concat(sharedDecisions))
        {
            var text = File.ReadAllText(file);
            domainTypes.UnionWith(TypeDeclarationRegex().Matches(text).Select(m => m.Groups["name"].Value));
            domainMethods.UnionWith(PublicMethodRegex().Matches(text).Select(m => m.Groups["name"].Value));
        }

        var appMethods = CapabilityFiles("src/OpenAeo", ".cs")
            .Concat(CapabilityFiles("src/OpenAeo/Platform", ".cs"))
            .SelectMany(f => MethodDeclarationRegex().Matches(File.ReadAllText(f)).Select(m => m.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);
        domainMethods.ExceptWith(appMethods);
        domainTypes.ExceptWith(
            CapabilityFiles("src/OpenAeo", ".cs")
                .Concat(CapabilityFiles("src/OpenAeo/Platform", ".cs"))
                .SelectMany(f => TypeDeclarationRegex().Matches(File.ReadAllText(f)).Select(m => m.Groups["name"].Value))
        );
        domainMethods.ExceptWith(
            typeof(object)
                .GetMethods()
                .Select(m => m.Name)
                .Concat(typeof(Enumerable).GetMethods().Select(m => m.Name))
                .Concat(typeof(List<>).GetMethods().Select(m => m.Name))
                .Concat(typeof(string).GetMethods().Select(m => m.Name))
        );

        var offenders = new List<string>();
        foreach (var file in AppCapabilityFiles().Where(f => !Path.GetFileName(f).Contains("Seed", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            var mappings = EndpointMappingRegex().Matches(text);
            var writes = mappings
                .Where(m => m.Groups["verb"].Value != "Get")
                .Select(m => m.Groups["handler"].Value)
                .ToHashSet(StringComparer.Ordinal);
            if (writes.Count == 0)
            {
                continue;
            }

            var reads = mappings
                .Where(m => m.Groups["verb"].Value == "Get")
                .Select(m => m.Groups["handler"].Value)
                .ToHashSet(StringComparer.Ordinal);
            foreach (Match method in MethodDeclarationRegex().Matches(text))
            {
                var name = method.Groups["name"].Value;
                if (!(writes.Contains(name) || name.StartsWith("Execute", StringComparison.Ordinal)) || reads.Contains(name))
                {
                    continue;
                }

                var body = MethodText(text, method.Index);
                var lines = BodyAfterParameters(body).Split('\n').Count(l => l.Any(char.IsLetterOrDigit));
                var decides = DomainCallRegex()
                    .Matches(body)
                    .Any(m =>
                        (m.Groups["type"].Success && domainTypes.Contains(m.Groups["type"].Value))
                        || (m.Groups["method"].Success && domainMethods.Contains(m.Groups["method"].Value))
                    );
                if (lines > MaxLinesWithoutDecision && !decides)
                {
                    offenders.Add(
                        $"{Path.GetRelativePath(Root, file)}:{text[..method.Index].Count(c => c == '\n') + 1}: "
                            + $"{name} has {lines} lines and no call into the domain"
                    );
                }
            }
        }

        offenders.ShouldBeEmpty();
    }

    /// <summary>
    /// Issue 12 item 8: lines a person can read. CSharpier formats the code at <c>max_line_length</c> (140, in
    /// .editorconfig) but leaves comments and string literals as written; this holds those to the same width. The lines
    /// inside a multi-line raw string are data (a CSV row, a JSON document) and keep their length.
    /// </summary>
    [Fact]
    public void Every_line_of_code_fits_in_140_columns()
    {
        const int width = 140;
        var offenders = new List<string>();
        foreach (
            var file in new[] { "src", "tests", "bench" }.SelectMany(d =>
                Directory.EnumerateFiles(Path.Combine(Root, d), "*.cs", SearchOption.AllDirectories)
            )
        )
        {
            if (
                file.Contains("/obj/", StringComparison.Ordinal)
                || file.Contains("/bin/", StringComparison.Ordinal)
                || file.Contains("/Migrations/", StringComparison.Ordinal)
            )
            {
                continue;
            }

            var insideRawString = false;
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                var wasInside = insideRawString;
                if (CountOf(line, "\"\"\"") % 2 == 1)
                {
                    insideRawString = !insideRawString;
                }

                if (!wasInside && line.Length > width)
                {
                    offenders.Add($"{Path.GetRelativePath(Root, file)}:{number}: {line.Length} characters");
                }
            }
        }

        offenders.ShouldBeEmpty();
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (
            var at = text.IndexOf(part, StringComparison.Ordinal);
            at >= 0;
            at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)
        )
        {
            count++;
        }

        return count;
    }

    private static IEnumerable<string> CapabilityFiles(string project, string extension) =>
        (project.EndsWith("Platform", StringComparison.Ordinal) ? [project] : Capabilities.Select(c => Path.Combine(project, c)))
            .Select(p => Path.Combine(Root, p))
            .Where(Directory.Exists)
            .SelectMany(p => Directory.EnumerateFiles(p, "*" + extension, SearchOption.AllDirectories))
            .Where(f =>
                !f.Contains("/obj/", StringComparison.Ordinal)
                && !f.Contains("/bin/", StringComparison.Ordinal)
                && !f.Contains("/Migrations/", StringComparison.Ordinal)
            )
            .Order(StringComparer.Ordinal);

    /// <summary>The app's use-case files: a capability's C# outside its pages, its module, persistence and commands.</summary>
    private static IEnumerable<string> AppCapabilityFiles() =>
        CapabilityFiles("src/OpenAeo", ".cs")
            .Where(f =>
                !f.Contains("/Pages/", StringComparison.Ordinal)
                && !Path.GetFileName(f).EndsWith("Module.cs", StringComparison.Ordinal)
                && !Path.GetFileName(f).EndsWith("Persistence.cs", StringComparison.Ordinal)
                && !Path.GetFileName(f).EndsWith("Commands.cs", StringComparison.Ordinal)
            );

    /// <summary>A method's text after its parameter list: what it does, not what it takes.</summary>
    private static string BodyAfterParameters(string method)
    {
        var depth = 0;
        for (var i = method.IndexOf('(', StringComparison.Ordinal); i >= 0 && i < method.Length; i++)
        {
            depth += method[i] switch
            {
                '(' => 1,
                ')' => -1,
                _ => 0,
            };
            if (depth == 0)
            {
                return method[(i + 1)..];
            }
        }

        return method;
    }

    /// <summary>A method's text from its declaration to its closing brace (or the semicolon of an expression body).</summary>
    private static string MethodText(string text, int start)
    {
        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '{' or '(':
                    depth++;
                    break;
                case '}' or ')':
                    depth--;
                    if (depth == 0 && text[i] == '}')
                    {
                        return text[start..(i + 1)];
                    }

                    break;
                case ';' when depth == 0:
                    return text[start..(i + 1)];
            }
        }

        return text[start..];
    }

    [GeneratedRegex(@"=>\s*Problems\.(?:Ok|Created|Accepted|NoContent)Or\(\s*(?:await \w+\.\w+\(\s*)?await Execute\(")]
    private static partial Regex ForwardingHandlerRegex();

    [GeneratedRegex(@"\.Map(?<verb>Get|Post|Put|Delete|Patch)\([^,]*,\s*(?<handler>\w+)?")]
    private static partial Regex EndpointMappingRegex();

    [GeneratedRegex(@"\b(?:class|record|struct|enum|interface)\s+(?:struct\s+|class\s+)?(?<name>[A-Z]\w*)")]
    private static partial Regex TypeDeclarationRegex();

    [GeneratedRegex(@"^\s+public\s+(?:static\s+)?(?:[\w<>\[\],.?()]+\s+)+(?<name>[A-Z]\w*)\s*(?:<[^>]*>)?\(", RegexOptions.Multiline)]
    private static partial Regex PublicMethodRegex();

    [GeneratedRegex(
        @"^\s+(?:(?:public|internal|private|protected|static|async|override|sealed|virtual)\s+)+(?:[\w<>\[\],"
            + @".?()]+\s+)+(?<name>[A-Z]\w*)\s*(?:<[^>]*>)?\(",
        RegexOptions.Multiline
    )]
    private static partial Regex MethodDeclarationRegex();

    [GeneratedRegex(@"(?<![\w.])(?<type>[A-Z]\w*)(?:<[^>()]*>)?\.[A-Z]\w*\s*[(<]|\.(?<method>[A-Z]\w*)\s*\(")]
    private static partial Regex DomainCallRegex();

    /// <summary>
    /// Capability X depends on Y when a file in X's folders names Y's namespace: a using directive (C#, Razor, and an
    /// <c>_Imports.razor</c>, which every page below it inherits), or a qualified name (<c>OpenAeo.Y.</c>,
    /// <c>OpenAeo.Domain.Y.</c>, and from a sibling namespace <c>Domain.Y.</c> or <c>Y.</c>). Read from the source, not
    /// the compiled assemblies, because the compiler inlines constants (policy names, limits) and keeps no trace of them,
    /// and C# using lines are real references here (IDE0005 is an error). The app and the domain count as one
    /// capability: app Clearance reading the domain's TimeRelease while app TimeRelease reads app Clearance is a cycle.
    /// </summary>
    private static SortedDictionary<(string From, string To), string> Dependencies(params string[] projects)
    {
        var edges = new SortedDictionary<(string From, string To), string>();
        foreach (var project in projects)
        {
            foreach (var from in Capabilities.Where(c => Directory.Exists(Path.Combine(Root, project, c))))
            {
                var files = Directory
                    .EnumerateFiles(Path.Combine(Root, project, from), "*.*", SearchOption.AllDirectories)
                    .Where(f =>
                        (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                        && !f.Contains("/obj/", StringComparison.Ordinal)
                        && !f.Contains("/bin/", StringComparison.Ordinal)
                    )
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    foreach (Match m in CapabilityReferenceRegex().Matches(File.ReadAllText(file)))
                    {
                        var to = m.Groups["cap"].Value;
                        if (to != from)
                        {
                            edges.TryAdd((from, to), Path.GetRelativePath(Root, file));
                        }
                    }
                }
            }
        }

        return edges;
    }

    /// <summary>Each knot of capabilities that reach each other (a strongly connected part of the graph): one cycle through it, then every
    /// edge inside it, each with a file that makes it.</summary>
    private static List<string> Cycles(SortedDictionary<(string From, string To), string> edges)
    {
        var next = edges.Keys.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        List<string> Reach(string start)
        {
            var seen = new List<string> { start };
            for (var i = 0; i < seen.Count; i++)
            {
                seen.AddRange(next.GetValueOrDefault(seen[i], []).Where(n => !seen.Contains(n)));
            }

            return seen;
        }

        var reach = Capabilities.ToDictionary(c => c, Reach);
        var knots = Capabilities
            .Select(c => Capabilities.Where(o => reach[c].Contains(o) && reach[o].Contains(c)).ToList())
            .Where(k => k.Count > 1)
            .DistinctBy(k => string.Join(',', k))
            .ToList();
        return knots
            .Select(knot =>
            {
                // The shortest cycle through the knot's first capability, found breadth first.
                var start = knot[0];
                var back = new Dictionary<string, string>();
                var queue = new Queue<string>([start]);
                string? last = null;
                while (last is null && queue.TryDequeue(out var at))
                {
                    foreach (var n in next.GetValueOrDefault(at, []).Where(knot.Contains))
                    {
                        if (n == start)
                        {
                            last = at;
                            break;
                        }

                        if (back.TryAdd(n, at))
                        {
                            queue.Enqueue(n);
                        }
                    }
                }

                var path = new List<string> { start };
                for (var at = last!; at != start; at = back[at])
                {
                    path.Insert(1, at);
                }

                path.Add(start);
                var cycle = start + string.Concat(path.Zip(path.Skip(1), (a, b) => $" -> {b} ({edges[(a, b)]})"));
                var inside = edges
                    .Where(e => knot.Contains(e.Key.From) && knot.Contains(e.Key.To))
                    .Select(e => $"  {e.Key.From} -> {e.Key.To}: {e.Value}");
                return $"cycle {cycle}; every dependency inside it:\n{string.Join('\n', inside)}";
            })
            .ToList();
    }

    [GeneratedRegex(@"DateTime(Offset)?\.(Now|UtcNow|Today)|TimeProvider\.System")]
    private static partial Regex ClockRegex();

    // The app registers TimeProvider.System once, in Platform; everything else asks for the injected one.
    [GeneratedRegex(@"DateTime(Offset)?\.(Now|UtcNow|Today)\b")]
    private static partial Regex AppClockRegex();

    // Y named from a capability file: after using/@using or qualified; the bare form needs a member after it, so prose does not count.
    [GeneratedRegex(
        @"(?<![\w.])(?:(?:global::)?OpenAeo\.(?:Domain\.)?|Domain\.)(?<cap>Registry|Certification|"
            + @"MutualRecognition|Clearance|TimeRelease|Insights|Portal)\b(?!\w)|(?<![\w.])(?<cap>Registry|Certification|"
            + @"MutualRecognition|Clearance|TimeRelease|Insights|Portal)\.[A-Z]"
    )]
    private static partial Regex CapabilityReferenceRegex();
}
