using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;
using OpenAeo.Platform.Audit;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Web;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

public sealed record CreateChainRequest([Limit(nameof(Limits.Name))] string? Name, [Limit(nameof(Limits.Tin))] string? Master);

public sealed record AddMemberRequest([Limit(nameof(Limits.Tin))] string? Tin, [Limit(nameof(Limits.Keyword))] string? Role, [Limit(nameof(Limits.Keyword))] string? Participation);

/// <param name="Recognition">Local, RecognisedUnderMra (with <paramref name="Mra"/> and <paramref name="Partner"/>) or NotCertified.</param>
public sealed record ChainMemberResponse(string Tin, string Name, string Role, string Participation, bool Certified, string Recognition, string? Mra, string? Partner);

public sealed record ChainResponse(int Id, string Name, string MasterTin, string MasterName, bool MasterCertified, IReadOnlyList<ChainMemberResponse> Members,
    int Certified, int Total, double Coverage, bool AllAeo);

/// <summary>
/// Supply-chain based AEO: a master and its members, the chain's AEO coverage and whether it is all-AEO. The
/// master's trader or the programme office manages the membership; members and officers read it.
/// </summary>
internal static class SupplyChains
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/supply-chains", Create).WithName("CreateSupplyChain").WithTags("Certification").WithSummary("Start a supply chain with its master operator.").RequireAuthorization(Policies.SignedIn);
        api.MapGet("/supply-chains", ListSupplyChains.Handle).WithPaging(ListSupplyChains.Sorts).WithName("ListSupplyChains").WithTags("Certification").WithSummary("Supply chains: a trader those it is master or member of, officers all.").RequireAuthorization(Policies.SignedIn);
        api.MapGet("/supply-chains/{id:int}", Get).WithName("GetSupplyChain").WithTags("Certification").WithSummary("One supply chain with its members and their status.").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/supply-chains/{id:int}/members", AddMember).WithName("AddSupplyChainMember").WithTags("Certification").WithSummary("Add a member operator to a supply chain.").RequireAuthorization(Policies.SignedIn);
        api.MapDelete("/supply-chains/{id:int}/members/{tin}", RemoveMember).WithName("RemoveSupplyChainMember").WithTags("Certification").WithSummary("Remove a member from a supply chain.").RequireAuthorization(Policies.SignedIn);
    }

    private static bool Manages(Actor actor, SupplyChain chain) => MayManage(actor, chain.MasterTin.Value);

    /// <summary>The chain's master (its trader) and the programme office manage the membership.</summary>
    public static bool MayManage(Actor actor, string masterTin) =>
        RegistryPermissions.OperatorEditors.Contains(actor.Role) || (actor.Role == Role.Trader && actor.OperatorTin == masterTin);

    private static bool Sees(Actor actor, SupplyChain chain) =>
        RegistryPermissions.Officers.Contains(actor.Role) || (actor.Role == Role.Trader && actor.OperatorTin is { } t && chain.Includes(Tin.FromTrusted(t)));

    public static async Task<Results<Created<ChainResponse>, ValidationProblem, ProblemHttpResult>> Create(CreateChainRequest request, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var created = await CreateExecute(request, Actor.From(user)!, db, clock, ct);
        if (created.IsOk)
        {
            return TypedResults.Created($"/api/v1/supply-chains/{created.Value!.Id}", created.Value);
        }

        return created.Errors[0].Code == "forbidden" ? Problems.Forbidden(created.Errors[0].Message) : Problems.Invalid(created.Errors);
    }

    public static async Task<Result<ChainResponse>> CreateExecute(CreateChainRequest request, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct)
    {
        if (RequestLimits.Errors(request) is { Count: > 0 } outOfLimits)
        {
            return Result<ChainResponse>.Fail(outOfLimits);
        }

        var master = Tin.Parse(request.Master ?? (actor.Role == Role.Trader ? actor.OperatorTin : null));
        if (!master.IsOk)
        {
            return Result<ChainResponse>.Fail(master.Errors);
        }

        if (!MayManage(actor, master.Value.Value))
        {
            return new DomainError("forbidden", "A supply chain is created by its master or by the programme office.");
        }

        if (await db.FindOperatorAsync(master.Value, ct) is null)
        {
            return new DomainError("chain.master", $"Operator {master.Value} is not in the registry.", "master");
        }

        var now = clock.GetUtcNow();
        var chain = SupplyChain.Create(request.Name ?? "", master.Value, now);
        if (!chain.IsOk)
        {
            return Result<ChainResponse>.Fail(chain.Errors);
        }

        db.SupplyChains().Add(chain.Value!);
        db.Audit(now, actor.Name, "supply-chain.created", $"supply-chain:{chain.Value!.Name}", null, new { master = master.Value.Value });
        await db.SaveChangesAsync(ct);
        return Result<ChainResponse>.Ok(await Describe(db, chain.Value, now, ct));
    }

    /// <summary>The chains the actor may see: officers all, a trader those its operator is the master or a member of.</summary>
    public static async Task<List<ChainResponse>> Visible(OpenAeoDb db, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var chains = await db.SupplyChains().AsNoTracking().Include(c => c.Members).OrderBy(c => c.Name).ToListAsync(ct);
        var result = new List<ChainResponse>();
        foreach (var chain in chains.Where(c => Sees(actor, c)))
        {
            result.Add(await Describe(db, chain, now, ct));
        }

        return result;
    }

    public static async Task<Results<Ok<ChainResponse>, ProblemHttpResult>> Get(int id, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        await Load(db, id, Actor.From(user)!, clock.GetUtcNow(), ct) is { } chain ? TypedResults.Ok(chain) : Problems.NotFound($"There is no supply chain {id} that you can see.");

    /// <summary>One chain with its coverage, or null when it does not exist or the actor may not see it.</summary>
    public static async Task<ChainResponse?> Load(OpenAeoDb db, int id, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var chain = await db.SupplyChains().AsNoTracking().Include(c => c.Members).SingleOrDefaultAsync(c => c.Id == id, ct);
        return chain is null || !Sees(actor, chain) ? null : await Describe(db, chain, now, ct);
    }

    public static async Task<Results<Ok<ChainResponse>, ValidationProblem, ProblemHttpResult>> AddMember(int id, AddMemberRequest request, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var added = await AddMemberExecute(id, request, Actor.From(user)!, db, clock, ct);
        return added.IsOk ? TypedResults.Ok(added.Value!) : ToProblem(added.Errors);
    }

    public static Task<Result<ChainResponse>> AddMemberExecute(int id, AddMemberRequest request, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct) =>
        RequestLimits.Within(request, () => WithManagedChain(id, actor, db, clock, "Members are added by the chain's master or the programme office.", async chain =>
        {
            var tin = Tin.Parse(request.Tin);
            var role = OperatorRoleNames.ParseOne(request.Role ?? "");
            var errors = new List<DomainError>(tin.Errors);
            if (role is null)
            {
                errors.Add(new("chain.role", "Name the member's role in the chain (e.g. Manufacturer, RoadCarrier).", "role"));
            }

            if (!Enum.TryParse<Participation>(request.Participation ?? nameof(Participation.Direct), ignoreCase: true, out var participation))
            {
                errors.Add(new("chain.participation", "Participation is Direct or Indirect.", "participation"));
            }

            if (tin.IsOk && await db.FindOperatorAsync(tin.Value, ct) is null)
            {
                errors.Add(new("chain.member", $"Operator {tin.Value} is not in the registry.", "tin"));
            }

            if (errors.Count > 0)
            {
                return errors;
            }

            var added = chain.Add(tin.Value, role!.Value, participation);
            if (!added.IsOk)
            {
                return added.Errors;
            }

            db.Audit(clock.GetUtcNow(), actor.Name, "supply-chain.member-added", $"supply-chain:{chain.Name}", null, new { tin = tin.Value.Value, role = role.ToString(), participation = participation.ToString() });
            return [];
        }, ct));

    public static async Task<Results<Ok<ChainResponse>, ProblemHttpResult>> RemoveMember(int id, [Limit(nameof(Limits.Tin))] string tin, OpenAeoDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var removed = await RemoveMemberExecute(id, tin, Actor.From(user)!, db, clock, ct);
        return removed.IsOk
            ? TypedResults.Ok(removed.Value!)
            : removed.Errors[0].Code == "forbidden" ? Problems.Forbidden(removed.Errors[0].Message) : Problems.NotFound(removed.Errors[0].Message);
    }

    public static Task<Result<ChainResponse>> RemoveMemberExecute(int id, string? tin, Actor actor, OpenAeoDb db, TimeProvider clock, CancellationToken ct) =>
        WithManagedChain(id, actor, db, clock, "Members are removed by the chain's master or the programme office.", chain =>
        {
            var parsed = Tin.Parse(tin);
            if (!parsed.IsOk || !chain.Remove(parsed.Value))
            {
                return Task.FromResult<IReadOnlyList<DomainError>>([new DomainError(ApplicationContext.NotFound, $"{tin} is not a member of this chain.", "tin")]);
            }

            db.Audit(clock.GetUtcNow(), actor.Name, "supply-chain.member-removed", $"supply-chain:{chain.Name}", null, new { tin = parsed.Value.Value });
            return Task.FromResult<IReadOnlyList<DomainError>>([]);
        }, ct);

    /// <summary>Load the chain for its manager, run the change (which returns its errors), save, describe.</summary>
    private static async Task<Result<ChainResponse>> WithManagedChain(int id, Actor actor, OpenAeoDb db, TimeProvider clock, string refusal,
        Func<SupplyChain, Task<IReadOnlyList<DomainError>>> change, CancellationToken ct)
    {
        var chain = await db.SupplyChains().Include(c => c.Members).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (chain is null || !Sees(actor, chain))
        {
            return new DomainError(ApplicationContext.NotFound, $"There is no supply chain {id} that you can see.");
        }

        if (!Manages(actor, chain))
        {
            return new DomainError("forbidden", refusal);
        }

        var errors = await change(chain);
        if (errors.Count > 0)
        {
            // Nothing of a refused change may linger in the unit of work (a page reuses it to render).
            db.ChangeTracker.Clear();
            return Result<ChainResponse>.Fail(errors);
        }

        await db.SaveChangesAsync(ct);
        return Result<ChainResponse>.Ok(await Describe(db, chain, clock.GetUtcNow(), ct));
    }

    private static Results<Ok<ChainResponse>, ValidationProblem, ProblemHttpResult> ToProblem(IReadOnlyList<DomainError> errors) => errors[0].Code switch
    {
        ApplicationContext.NotFound => Problems.NotFound(errors[0].Message),
        "forbidden" => Problems.Forbidden(errors[0].Message),
        _ => Problems.Invalid(errors),
    };

    /// <summary>Operators among <paramref name="tins"/> holding a certificate valid on their programme's today.</summary>
    public static async Task<IReadOnlySet<Tin>> CertifiedAmong(OpenAeoDb db, IReadOnlyCollection<Tin> tins, DateTimeOffset now, CancellationToken ct)
    {
        var certificates = await db.Certificates().AsNoTracking().Where(c => tins.Contains(c.OperatorTin) && c.Status == CertificateStatus.Active).ToListAsync(ct);
        var programmes = await db.Programmes().AsNoTracking().ToDictionaryAsync(p => p.Code, ct);
        return certificates.Where(c => c.IsValidOn(ApplicationContext.LocalToday(programmes[c.ProgrammeCode], now))).Select(c => c.OperatorTin).ToHashSet();
    }

    private static async Task<ChainResponse> Describe(OpenAeoDb db, SupplyChain chain, DateTimeOffset now, CancellationToken ct)
    {
        var tins = chain.Members.Select(m => m.OperatorTin).Prepend(chain.MasterTin).ToList();
        var names = await db.Operators().AsNoTracking().Where(o => tins.Contains(o.Tin)).ToDictionaryAsync(o => o.Tin, o => o.LegalName, ct);
        var standings = await ChainStandings.LoadAsync(db, chain, now, ct);
        var coverage = chain.Coverage(standings);
        return new ChainResponse(chain.Id, chain.Name, chain.MasterTin.Value, names.GetValueOrDefault(chain.MasterTin, ""), standings[chain.MasterTin].Counts,
            [.. chain.Members.OrderBy(m => m.Id).Select(m => standings[m.OperatorTin]).Zip(chain.Members.OrderBy(m => m.Id), (s, m) => new ChainMemberResponse(m.OperatorTin.Value,
                names.GetValueOrDefault(m.OperatorTin, ""), m.Role.ToString(), m.Participation.ToString(), s.Counts, s.Recognition.ToString(), s.Mra, s.Partner))],
            coverage.Certified, coverage.Total, coverage.Share, coverage.AllAeo);
    }
}
