using OpenAeo.Domain.Insights;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Cli;
using OpenAeo.Registry;

namespace OpenAeo.Insights;

/// <summary>A survey as officers see it on the API and the pages.</summary>
internal sealed record SurveyView(
    int Id,
    string Slug,
    string Title,
    string? Introduction,
    string? Template,
    string Status,
    string Phase,
    DateOnly? OpensOn,
    DateOnly? ClosesOn,
    string TimeZone,
    bool OpenLink,
    string? PublicLink,
    int Version,
    IReadOnlyList<SurveyQuestion> Questions,
    IReadOnlyList<SurveySegment> Segments,
    int Responses,
    int Invitations,
    int InvitationsUsed,
    DateTimeOffset CreatedAt,
    string CreatedBy
);

/// <summary>
/// Surveys of the programme's users (issue 15, item 3): created from the report's Annex B templates or from scratch, versioned,
/// opened for a period, answered anonymously by invitation or open link, imported from CSV, with results by segment. Registered
/// and mapped through these methods so the Insights module can call them (ADR 0024).
/// </summary>
internal static class Surveys
{
    /// <summary>Officers and analysts manage surveys and read results (<see cref="Policies.Officers"/>); respondents are
    /// anonymous.</summary>
    public static readonly IReadOnlySet<Role> Managers = Permissions.RolesFor(Permission.ManageSurveys);

    public static IServiceCollection AddSurveys(this IServiceCollection services)
    {
        services.AddSingleton<SurveyAnswerLimiter>();
        services.AddSingleton<IDemoSeeder, SurveyDemoSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapSurveys(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapUseCases("Insights");
        ListSurveys.Map(api);
        ListSurveyTemplates.Map(api);
        GetSurvey.Map(api);
        SurveyCreation.Map(api);
        SurveyRevision.Map(api);
        SurveyOpening.Map(api);
        SurveyClosing.Map(api);
        SurveyInvitations.Map(api);
        ImportSurveyResponses.Map(api);
        ImportSurveyResponsesForm.Map(endpoints);
        SurveyResultsQuery.Map(api);
        SurveyExport.Map(api);
        GetSurveyQuestionnaire.Map(api);
        AnswerSurvey.Map(api);
        SurveyChart.Map(endpoints);
        return endpoints;
    }

    public static DomainError? Refuses(Actor actor) =>
        Managers.Contains(actor.Role) ? null : new DomainError("forbidden", "Your role may not manage surveys.");

    public static DomainError NotFound(int id) => new("not-found", $"There is no survey {id}.");

    /// <summary>
    /// Every officer's change to a survey: the request within its limits and the officer's role, then load → decide → act,
    /// with the change in the audit trail (under the survey's link name) in the same save.
    /// </summary>
    /// <param name="decide">The domain's decision on the loaded survey, with what to write in the audit trail.</param>
    public static async Task<Result<Survey>> ChangeAsync<TRequest>(
        int id,
        TRequest request,
        Actor actor,
        OpenAeoDb db,
        DateTimeOffset now,
        Func<Survey, (Result<Survey> Outcome, string Action, string? Reason, object? Details)> decide,
        CancellationToken ct
    )
    {
        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<Survey>.Fail(outOfLimits);
        }

        if (Refuses(actor) is { } refused)
        {
            return refused;
        }

        if (await db.Surveys().SingleOrDefaultAsync(s => s.Id == id, ct) is not { } survey)
        {
            return NotFound(id);
        }

        var (outcome, action, reason, details) = decide(survey);
        if (!outcome.IsOk)
        {
            return outcome;
        }

        db.Audit(now, actor.Name, action, $"survey:{survey.Slug}", reason, details);
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    /// <summary>200 with the survey as it now is, or the change's problem.</summary>
    public static RouteHandlerBuilder AnswersSurvey(this RouteHandlerBuilder endpoint) =>
        endpoint.AnswersOk<Survey, SurveyView>(
            (survey, http) =>
                ViewAsync(
                    survey,
                    http.RequestServices.GetRequiredService<OpenAeoDb>(),
                    http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
                    http.RequestAborted
                )
        );

    /// <summary>The zone the node's own programme counts its days in; a survey's period is days there.</summary>
    public static Task<string> TimeZoneAsync(OpenAeoDb db, string nodeEconomy, CancellationToken ct) => db.HomeZoneIdAsync(nodeEconomy, ct);

    public static async Task<SurveyView> ViewAsync(Survey s, OpenAeoDb db, DateTimeOffset now, CancellationToken ct)
    {
        var responses = await db.SurveyResponses().CountAsync(r => r.SurveyId == s.Id, ct);
        var invitations = await db.SurveyInvitations()
            .Where(i => i.SurveyId == s.Id)
            .GroupBy(i => i.Used)
            .Select(g => new { Used = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return new SurveyView(
            s.Id,
            s.Slug,
            s.Title,
            s.Introduction,
            s.Template,
            s.Status.ToString(),
            s.Phase(now).ToString(),
            s.OpensOn,
            s.ClosesOn,
            s.TimeZone,
            s.OpenLink,
            s.OpenLink && s.Status == SurveyStatus.Open ? $"/surveys/{s.Slug}" : null,
            s.Current.Number,
            s.Current.Questions,
            s.Current.Segments,
            responses,
            invitations.Sum(i => i.Count),
            invitations.Where(i => i.Used).Sum(i => i.Count),
            s.CreatedAt,
            s.CreatedBy
        );
    }

    /// <summary>The phase in words for people: "Open until 30 March 2026", "Draft", "Ended on …".</summary>
    public static string PhaseText(Survey s, DateTimeOffset now) =>
        s.Phase(now) switch
        {
            SurveyPhase.Draft => "Draft (not open yet)",
            SurveyPhase.Scheduled => $"Opens on {Survey.Day(s.OpensOn!.Value)}",
            SurveyPhase.Open => $"Open until {Survey.Day(s.ClosesOn!.Value)}",
            SurveyPhase.Ended => $"Ended on {Survey.Day(s.ClosesOn!.Value)}",
            _ => "Closed",
        };
}
