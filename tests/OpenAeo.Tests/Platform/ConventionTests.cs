using System.Text.RegularExpressions;

namespace OpenAeo.Tests.Platform;

/// <summary>The architecture's rules that the compiler does not check, checked on the source tree.</summary>
public partial class Conventions
{
    private static readonly string Root = RepositoryFolder.Root;

    private static readonly string[] Capabilities = ["Registry", "Certification", "MutualRecognition", "Clearance", "TimeRelease", "Insights", "Portal"];

    [Fact]
    public void Platform_never_references_a_capability()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(Root, "src/OpenAeo/Platform"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal)) && !f.Contains("/Migrations/", StringComparison.Ordinal))
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
        var offenders = Directory.EnumerateFiles(Path.Combine(Root, "src/OpenAeo.Domain"), "*.cs", SearchOption.AllDirectories)
            .Where(f => ClockRegex().IsMatch(File.ReadAllText(f)))
            .ToList();

        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void The_app_takes_time_from_its_TimeProvider_so_tests_control_it()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(Root, "src/OpenAeo"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                && !f.Contains("/Migrations/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Where(f => AppClockRegex().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Root, f))
            .ToList();

        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void Capability_folders_have_the_same_names_in_the_domain_and_the_app()
    {
        var domain = Directory.GetDirectories(Path.Combine(Root, "src/OpenAeo.Domain")).Select(Path.GetFileName).Where(n => n is not ("bin" or "obj" or "Shared"));

        domain.ShouldAllBe(name => Directory.Exists(Path.Combine(Root, "src/OpenAeo", name!)));
    }

    [Fact]
    public void Domain_capabilities_do_not_depend_on_each_other_in_a_cycle()
    {
        Cycles(Dependencies("src/OpenAeo.Domain")).ShouldBeEmpty();
    }

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
                var files = Directory.EnumerateFiles(Path.Combine(Root, project, from), "*.*", SearchOption.AllDirectories)
                    .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                        && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
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

    /// <summary>Each knot of capabilities that reach each other (a strongly connected part of the graph): one cycle through it, then every edge inside it, each with a file that makes it.</summary>
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
        var knots = Capabilities.Select(c => Capabilities.Where(o => reach[c].Contains(o) && reach[o].Contains(c)).ToList())
            .Where(k => k.Count > 1).DistinctBy(k => string.Join(',', k)).ToList();
        return knots.Select(knot =>
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
            var inside = edges.Where(e => knot.Contains(e.Key.From) && knot.Contains(e.Key.To)).Select(e => $"  {e.Key.From} -> {e.Key.To}: {e.Value}");
            return $"cycle {cycle}; every dependency inside it:\n{string.Join('\n', inside)}";
        }).ToList();
    }

    [GeneratedRegex(@"DateTime(Offset)?\.(Now|UtcNow|Today)|TimeProvider\.System")]
    private static partial Regex ClockRegex();

    // The app registers TimeProvider.System once, in Platform; everything else asks for the injected one.
    [GeneratedRegex(@"DateTime(Offset)?\.(Now|UtcNow|Today)\b")]
    private static partial Regex AppClockRegex();

    // Y named from a capability file: after using/@using or qualified; the bare form needs a member after it, so prose does not count.
    [GeneratedRegex(@"(?<![\w.])(?:(?:global::)?OpenAeo\.(?:Domain\.)?|Domain\.)(?<cap>Registry|Certification|MutualRecognition|Clearance|TimeRelease|Insights|Portal)\b(?!\w)|(?<![\w.])(?<cap>Registry|Certification|MutualRecognition|Clearance|TimeRelease|Insights|Portal)\.[A-Z]")]
    private static partial Regex CapabilityReferenceRegex();
}
