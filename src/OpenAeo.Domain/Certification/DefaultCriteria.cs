namespace OpenAeo.Domain.Certification;

/// <summary>
/// The shipped criteria packs: the WCO SAFE Framework's AEO requirements as self-assessment questions, for the
/// Standard and SME tracks (same standard; the SME pack accepts outcome-based answers and outsourced controls
/// where the report recommends it), and an e-commerce pack for platforms and merchants.
/// </summary>
public static class DefaultCriteria
{
    public const string StandardKey = "wco-safe-standard";
    public const string SmeKey = "wco-safe-sme";
    public const string EcommerceKey = "ecommerce";

    private static readonly (string Group, string Prefix, (string Text, bool Evidence, bool Outcome, bool Outsource)[] Questions)[] Safe =
    [
        ("Compliance record", "COMP", [
            ("Describe any customs or tax offences in the last three years and what you changed since.", false, false, false),
            ("Who is responsible for customs matters, and how do they stay informed of the rules?", false, true, true),
        ]),
        ("Commercial records management", "RECS", [
            ("How are commercial, transport and customs records kept, and for how long?", true, true, true),
            ("How do you reconcile declarations with your accounts and stock records?", true, true, false),
        ]),
        ("Financial viability", "FIN", [
            ("Provide the last financial statements or a bank reference showing solvency.", true, false, false),
        ]),
        ("Consultation, co-operation and communication", "COMM", [
            ("Who is the contact for customs, and how are customs questions escalated inside the company?", false, false, false),
        ]),
        ("Education, training and awareness", "TRAIN", [
            ("How are staff trained on supply-chain security and customs obligations?", true, true, true),
        ]),
        ("Information exchange, access and confidentiality", "INFO", [
            ("How are IT systems protected against unauthorised access and data loss?", true, true, true),
            ("How is access to customs data restricted to the staff who need it?", false, true, false),
        ]),
        ("Cargo security", "CARGO", [
            ("How is the integrity of cargo protected from packing to handover (seals, checks, records)?", true, true, true),
            ("How are seals controlled, applied, recorded and verified?", true, true, false),
        ]),
        ("Conveyance security", "CONV", [
            ("How are conveyances inspected for hiding places before loading?", true, true, true),
        ]),
        ("Premises security", "PREM", [
            ("How are buildings and cargo areas protected (fences, locks, lighting, CCTV, alarms)?", true, true, true),
            ("How is access of employees, visitors and vehicles controlled?", true, true, true),
        ]),
        ("Personnel security", "PERS", [
            ("How are employees in security-sensitive positions screened?", true, true, true),
        ]),
        ("Trading partner security", "PART", [
            ("How do you assess and require security from your business partners (e.g. AEO status, contract clauses)?", true, true, false),
        ]),
        ("Crisis management and incident recovery", "CRISIS", [
            ("What is your plan for security incidents and disruptions, and how is it tested?", true, true, true),
        ]),
        ("Measurement, analysis and improvement", "IMPR", [
            ("How are security measures reviewed and improved (internal audits, incident analysis)?", true, true, true),
        ]),
    ];

    private static readonly (string Group, string Prefix, (string Text, bool Evidence)[] Questions)[] Ecommerce =
    [
        ("Compliance record", "EC-COMP", [("Describe customs or tax offences of the platform or merchant in the last three years.", false)]),
        ("Data quality", "EC-DATA", [
            ("How are item descriptions, values and HS codes of consignments captured and checked before declaration?", true),
            ("How is advance electronic data sent to customs and carriers?", true),
        ]),
        ("Seller and buyer vetting", "EC-KYC", [("How are sellers verified (identity, location, prohibited goods screening)?", true)]),
        ("Low-value consignments and revenue", "EC-LVC", [("How are duties and taxes on low-value consignments collected and remitted?", true)]),
        ("Returns and logistics", "EC-RET", [("How are returns handled and recorded so that duties can be refunded correctly?", false)]),
        ("Information security", "EC-INFO", [("How are customer and customs data protected?", true)]),
    ];

    public static IReadOnlyList<CriterionQuestion> Questions(Track track) => track switch
    {
        Track.Ecommerce => [.. Ecommerce.SelectMany(g => g.Questions.Select((q, i) => new CriterionQuestion($"{g.Prefix}-{i + 1}", g.Group, q.Text, q.Evidence, false, false)))],
        _ => [.. Safe.SelectMany(g => g.Questions.Select((q, i) =>
            new CriterionQuestion($"{g.Prefix}-{i + 1}", g.Group, q.Text, q.Evidence, track == Track.Sme && q.Outcome, track == Track.Sme && q.Outsource)))],
    };

    public static IReadOnlyList<(string Key, string Name, Track Track)> Packs { get; } =
    [
        (StandardKey, "WCO SAFE AEO self-assessment", Track.Standard),
        (SmeKey, "WCO SAFE AEO self-assessment — SME track (flexible evidence)", Track.Sme),
        (EcommerceKey, "E-commerce operators self-assessment", Track.Ecommerce),
    ];

    /// <summary>Rejection reasons every programme starts with; a programme office may add its own.</summary>
    public static IReadOnlyList<(string Code, string Label)> RejectionReasons { get; } =
    [
        ("COMPLIANCE", "Compliance record does not meet the requirement"),
        ("RECORDS", "Commercial records are insufficient"),
        ("SOLVENCY", "Financial viability not demonstrated"),
        ("SECURITY", "Security standards not met"),
        ("PARTNERS", "Trading partner security not demonstrated"),
        ("NO-RESPONSE", "Requested information not provided"),
        ("VISIT", "Validation visit findings"),
    ];
}
