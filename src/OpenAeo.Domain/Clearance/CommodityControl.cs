namespace OpenAeo.Domain.Clearance;

/// <summary>
/// Goods an agency controls: a permit that travels with the declaration (a joint declaration), a documentary check,
/// and a share of consignments the agency inspects (jointly with customs: one examination, one appointment).
/// </summary>
public sealed record CommodityControl(
    int Id,
    string Agency,
    HsRange HsCodes,
    bool PermitRequired,
    bool DocumentaryCheck,
    double InspectionRate
)
{
    public static Result<CommodityControl> Create(
        int id,
        string agency,
        HsRange hsCodes,
        bool permitRequired,
        bool documentaryCheck,
        double inspectionRate
    )
    {
        if (inspectionRate is < 0 or > 1 || double.IsNaN(inspectionRate))
        {
            return new DomainError("control.rate", "The inspection rate must be between 0 and 1.", "inspectionRate");
        }

        if (!permitRequired && !documentaryCheck && inspectionRate == 0)
        {
            return new DomainError(
                "control.no-effect",
                "A control requires a permit, a documentary check or inspections.",
                "permitRequired"
            );
        }

        return Result<CommodityControl>.Ok(new CommodityControl(id, agency, hsCodes, permitRequired, documentaryCheck, inspectionRate));
    }
}
