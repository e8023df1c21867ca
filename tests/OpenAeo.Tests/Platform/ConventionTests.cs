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

    [GeneratedRegex(@"DateTime(Offset)?\.(Now|UtcNow|Today)|TimeProvider\.System")]
    private static partial Regex ClockRegex();

    // The app registers TimeProvider.System once, in Platform; everything else asks for the injected one.
    [GeneratedRegex(@"DateTime(Offset)?\.(Now|UtcNow|Today)\b")]
    private static partial Regex AppClockRegex();
}
