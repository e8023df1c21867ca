using OpenAeo.Domain.Clearance;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

internal sealed record ProfileSettings(
    [Limit(nameof(Limits.Threshold))] int YellowFrom,
    [Limit(nameof(Limits.Threshold))] int RedFrom,
    [Limit(nameof(Limits.Credit))] int PrincipalAeoCredit,
    [Limit(nameof(Limits.Credit))] int PartyAeoCredit,
    [Limit(nameof(Limits.Credit))] int MraCredit,
    [Limit(nameof(Limits.Credit))] int AllAeoChainCredit,
    [Limit(nameof(Limits.Credit))] int OgaCredit,
    [Limit(nameof(Limits.Share))] double RandomRate,
    [Limit(nameof(Limits.Keyword))] string? RandomLane,
    [Limit(nameof(Limits.Share))] double? ExpectedGreen,
    [Limit(nameof(Limits.Share))] double? ExpectedYellow,
    [Limit(nameof(Limits.Share))] double? ExpectedRed,
    [Limit(nameof(Limits.Seed))] long? Seed,
    DateOnly? EffectiveFrom
);

/// <summary>
/// A border officer saves a new version of the thresholds, credits and random rate, effective from today or later
/// and versioned like risk rules (<see cref="EffectiveVersions"/>).
/// </summary>
internal static class SaveSelectivityProfile
{
    public static void Map(RouteGroupBuilder api) => api.MapPut("/clearance/profile", Handle).WithEntityTag();

    [Authorize(ClearanceModule.RuleEditors)]
    [EndpointSummary("A new profile version effective from a date (today or later).")]
    public static async Task<Results<Ok<ProfileVersion>, ValidationProblem, ProblemHttpResult>> Handle(
        ProfileSettings body,
        ClaimsPrincipal user,
        OpenAeoDb db,
        TimeProvider clock,
        NodeEconomy node,
        HttpContext http,
        CancellationToken ct
    )
    {
        // The defaults stand as version 1 until a first version is saved, so a reader of the defaults sends "1".
        var latest = await db.SelectivityProfiles().MaxAsync(p => (int?)p.Version, ct) ?? 1;
        if (EntityTags.Stale(http, latest, "The selectivity profile") is { } stale)
        {
            return stale;
        }

        var outcome = await Execute(body, Actor.From(user)!, db, node.Code, clock, ct);
        if (outcome.IsOk)
        {
            EntityTags.Tag(http, outcome.Value!.Version);
        }

        return Problems.OkOr(outcome);
    }

    public static Task<Result<ProfileVersion>> Execute(
        ProfileSettings body,
        Actor actor,
        OpenAeoDb db,
        string nodeEconomy,
        TimeProvider clock,
        CancellationToken ct
    ) => RequestLimits.Within(body, () => RiskRules.FromDay(
                body.EffectiveFrom,
                db,
                nodeEconomy,
                clock,
                today => new DomainError(
                    "profile.backdated",
                    $"A profile takes effect today ({today:yyyy-MM-dd}) or later.",
                    "effectiveFrom"
                ),
                async (from, now) =>
                {
                    var lane = Lane.Red;
                    if (
                        !string.IsNullOrWhiteSpace(body.RandomLane)
                        && (!Enum.TryParse(body.RandomLane, true, out lane) || !Enum.IsDefined(lane))
                    )
                    {
                        return new DomainError("profile.random-lane", $"'{body.RandomLane}' is not a lane.", "randomLane");
                    }

                    var profile = new SelectivityProfile(
                        body.YellowFrom,
                        body.RedFrom,
                        body.PrincipalAeoCredit,
                        body.PartyAeoCredit,
                        body.MraCredit,
                        body.AllAeoChainCredit,
                        body.OgaCredit,
                        body.RandomRate,
                        lane,
                        body.ExpectedGreen,
                        body.ExpectedYellow,
                        body.ExpectedRed
                    );
                    var valid = SelectivityProfile.Validate(profile);
                    if (!valid.IsOk)
                    {
                        return Result<ProfileVersion>.Fail(valid.Errors);
                    }

                    var existing = await db.SelectivityProfiles().OrderBy(p => p.Version).ToListAsync(ct);
                    var previous = existing.LastOrDefault() ?? SelectivitySnapshot.DefaultProfile(now);
                    if (existing.Count == 0)
                    {
                        // The defaults governed every decision so far; keep them on record as version 1.
                        db.SelectivityProfiles().Add(previous);
                    }

                    var row = new ProfileVersion
                    {
                        Version = previous.Version + 1,
                        EffectiveFrom = from,
                        YellowFrom = profile.YellowFrom,
                        RedFrom = profile.RedFrom,
                        PrincipalAeoCredit = profile.PrincipalAeoCredit,
                        PartyAeoCredit = profile.PartyAeoCredit,
                        MraCredit = profile.MraCredit,
                        AllAeoChainCredit = profile.AllAeoChainCredit,
                        OgaCredit = profile.OgaCredit,
                        RandomRate = profile.RandomRate,
                        RandomLane = profile.RandomLane,
                        ExpectedGreen = profile.ExpectedGreen,
                        ExpectedYellow = profile.ExpectedYellow,
                        ExpectedRed = profile.ExpectedRed,
                        Seed = body.Seed ?? previous.Seed,
                        CreatedBy = actor.Name,
                        CreatedAt = now,
                    };
                    db.SelectivityProfiles().Add(row);
                    db.Audit(now, actor.Name, "selectivity-profile.saved", $"selectivity-profile:{row.Version}", null, body);
                    await db.SaveChangesAsync(ct);
                    return Result<ProfileVersion>.Ok(row);
                },
                ct
            ));
}
