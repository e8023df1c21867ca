using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Tests;

public class The_domain_is_pure
{
    private static readonly System.Reflection.Assembly Domain = typeof(Tin).Assembly;

    [Fact]
    public void The_domain_assembly_references_only_the_base_class_library()
    {
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        references.ShouldNotBeEmpty();
        references.Where(name => !IsBaseClassLibrary(name)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("System.Runtime", true)]
    [InlineData("System", true)]
    [InlineData("netstandard", true)]
    [InlineData("mscorlib", true)]
    [InlineData("Microsoft.EntityFrameworkCore", false)]
    [InlineData("SystemX.Data", false)]
    [InlineData("OpenAeo.Domain", false)]
    public void The_purity_rule_accepts_only_system_assemblies(string name, bool expected)
    {
        IsBaseClassLibrary(name).ShouldBe(expected);
    }

    private static bool IsBaseClassLibrary(string name) =>
        name is "System" or "netstandard" or "mscorlib" || name.StartsWith("System.", StringComparison.Ordinal);
}
