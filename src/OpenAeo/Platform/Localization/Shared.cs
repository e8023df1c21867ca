// In the root namespace on purpose: its words live in Resources/Shared.resx, the one place for words every page uses.
namespace OpenAeo;

/// <summary>The words used everywhere (sign in, back, yes/no): <c>IStringLocalizer&lt;Shared&gt;</c>.</summary>
internal sealed class Shared
{
    private Shared() { }
}
