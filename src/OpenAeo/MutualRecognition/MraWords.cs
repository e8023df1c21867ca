using Microsoft.Extensions.Localization;
using OpenAeo.Domain.MutualRecognition;

namespace OpenAeo.MutualRecognition;

/// <summary>The stage of an MRA in the visitor's words (Resources/Shared.resx, keys <c>MraStage.InForce</c>, …): one wording on every
/// page.</summary>
internal static class MraWords
{
    public static string Stage(IStringLocalizer<Shared> words, MraStatus stage) => words[$"MraStage.{stage}"];
}
