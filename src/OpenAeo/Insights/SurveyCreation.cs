using OpenAeo.Domain.Insights;
using OpenAeo.MutualRecognition;
using OpenAeo.Registry;

namespace OpenAeo.Insights;

/// <summary>
/// A new survey: from a template (its questions and segments, unless the request gives its own) or from scratch. Without a
/// slug one is made from the title.
/// </summary>
public sealed record SurveyCreateRequest(
    [Limit(nameof(Limits.Keyword))] string? Template,
    [Limit(nameof(Limits.Keyword))] string? Slug,
    [Limit(nameof(Limits.Name))] string? Title,
    [Limit(nameof(Limits.Text))] string? Introduction,
    [Limit(nameof(Limits.Entries))] IReadOnlyList<SurveyQuestion>? Questions,
    [Limit(nameof(Limits.Entries))] IReadOnlyList<SurveySegment>? Segments,
    [Limit(nameof(Limits.Reason))] string? Reason
);

internal static class SurveyCreation
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/surveys", Handle).WithName("CreateSurvey");

    [Authorize(Policies.Officers)]
    [EndpointSummary("Create a survey (a draft) from a template or from scratch.")]
    public static async Task<Results<Created<SurveyView>, ValidationProblem, ProblemHttpResult>> Handle(
        SurveyCreateRequest request,
        OpenAeoDb db,
        NodeIdentity node,
        TimeProvider clock,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var outcome = await Execute(request, Actor.From(user)!, db, node.Economy, clock, ct);
        if (!outcome.IsOk)
        {
            return Problems.Problem(outcome.Errors) is { } problem ? problem : Problems.Invalid(outcome.Errors);
        }

        return TypedResults.Created(
            $"/api/v1/surveys/{outcome.Value!.Id}",
            await Surveys.ViewAsync(outcome.Value, db, clock.GetUtcNow(), ct)
        );
    }

    public static async Task<Result<Survey>> Execute(
        SurveyCreateRequest request,
        Actor actor,
        OpenAeoDb db,
        string nodeEconomy,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<Survey>.Fail(outOfLimits);
        }

        if (Surveys.Refuses(actor) is { } refused)
        {
            return refused;
        }

        SurveyTemplate? template = null;
        if (!string.IsNullOrWhiteSpace(request.Template))
        {
            template = SurveyTemplates.Find(request.Template);
            if (template is null)
            {
                return new DomainError(
                    "survey.template",
                    $"'{request.Template}' is not a template; use one of {string.Join(", ", SurveyTemplates.All.Select(t => t.Key))}.",
                    "template"
                );
            }
        }

        var title = string.IsNullOrWhiteSpace(request.Title) ? template?.Title : request.Title;
        var slug = string.IsNullOrWhiteSpace(request.Slug) ? SlugOf(title) : request.Slug;
        if (await db.Surveys().AnyAsync(s => s.Slug == slug, ct))
        {
            return new DomainError("survey.exists", $"A survey already uses the link name '{slug}'; choose another.", "slug");
        }

        var now = clock.GetUtcNow();
        var created = Survey.Create(
            slug,
            title,
            request.Introduction ?? template?.Introduction,
            template?.Key,
            request.Questions ?? template?.Questions ?? [],
            request.Segments ?? template?.Segments ?? [],
            await Surveys.TimeZoneAsync(db, nodeEconomy, ct),
            now,
            actor.Name
        );
        if (!created.IsOk)
        {
            return created;
        }

        // Audited under its link name, unique and known before the insert, so the survey and its audit entry are one save.
        db.Surveys().Add(created.Value!);
        db.Audit(
            now,
            actor.Name,
            "survey.created",
            $"survey:{created.Value!.Slug}",
            request.Reason,
            new
            {
                created.Value.Slug,
                created.Value.Title,
                template = template?.Key,
                questions = created.Value.Current.Questions.Count,
            }
        );
        await db.SaveChangesAsync(ct);
        return created;
    }

    /// <summary>A link name from a title: lowercase words joined by '-', at most 50 characters.</summary>
    public static string SlugOf(string? title)
    {
        var words = new System.Text.StringBuilder();
        foreach (var c in (title ?? "").ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                words.Append(c);
            }
            else if (words.Length > 0 && words[^1] != '-')
            {
                words.Append('-');
            }
        }

        var slug = words.ToString().Trim('-');
        slug = slug.Length > 50 ? slug[..50].TrimEnd('-') : slug;
        return slug.Length > 0 && char.IsAsciiDigit(slug[0]) ? "s-" + slug : slug;
    }
}
