using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry.Pages;

/// <summary>The operator form's fields, shared by the register and edit pages.</summary>
public sealed class OperatorForm
{
    public string? Tin { get; set; }

    public string? LegalName { get; set; }

    public string? Economy { get; set; }

    /// <summary>A multiple select with nothing chosen posts no field, and the form binder then sets null.</summary>
    public string[] Roles
    {
        get;
        set => field = value ?? [];
    } = [];

    public int? Employees { get; set; }

    public decimal? Turnover { get; set; }

    public string? Sector { get; set; }

    public bool Consent { get; set; }

    public string? Reason { get; set; }

    internal static OperatorForm From(Operator o) =>
        new()
        {
            Tin = o.Tin.Value,
            LegalName = o.LegalName,
            Economy = o.EconomyCode,
            Roles = [.. OperatorRoleNames.Split(o.Roles).Select(r => r.ToString())],
            Employees = o.Employees,
            Turnover = o.Turnover,
            Sector = o.Sector,
            Consent = o.ConsentToExchange,
        };

    internal OperatorRequest ToRequest() => new(Tin, LegalName, Economy, Roles, Employees, Turnover, Sector, Consent, Reason);
}
