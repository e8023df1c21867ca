namespace OpenAeo.Domain.Insights;

/// <summary>A questionnaire that ships with OpenAeo; an officer creates a survey from it and may revise it.</summary>
public sealed record SurveyTemplate(
    string Key,
    string Title,
    string Introduction,
    IReadOnlyList<SurveyQuestion> Questions,
    IReadOnlyList<SurveySegment> Segments
);

/// <summary>A statement of the report's workshop survey with the means it published (4-point scale) for everybody, the public and the
/// private sector.</summary>
public sealed record SurveyPublishedMean(string Code, double General, double Public, double Private);

/// <summary>
/// The questionnaires of the APEC report's Annex B (the survey of the Santiago workshop on SMEs in AEO programmes: three panels
/// of statements, answered by 71 attendees from the public and the private sector), on a 1–5 agreement scale, with open questions,
/// as a workshop questionnaire for both sectors and one for each sector alone (ADR 0024).
/// </summary>
public static class SurveyTemplates
{
    public const string Workshop = "apec-workshop";
    public const string PublicSector = "apec-public-sector";
    public const string PrivateSector = "apec-private-sector";

    public const string PublicSectorName = "Public sector";
    public const string PrivateSectorName = "Private sector";
    public const string OtherSectorName = "Other";

    private const string Panel1 = "Panel 1 · AEO certification as a trade facilitation instrument";
    private const string Panel2 = "Panel 2 · SMEs in AEO programmes: entry barriers";
    private const string Panel3 = "Panel 3 · Mutual recognition arrangements";

    /// <summary>The statements as the report lists them (grammar mended where a questionnaire needs it), with its published
    /// means.</summary>
    private static readonly (string Code, string Section, string Text, double General, double Public, double Private)[] Statements =
    [
        ("P1-01", Panel1, "The AEO programme supports the voluntary compliance strategy.", 3.6, 3.6, 3.7),
        ("P1-02", Panel1, "The AEO programme supports the customs risk management strategy.", 3.6, 3.6, 3.7),
        ("P1-03", Panel1, "The AEO programme is consistent with the WTO Trade Facilitation Agreement.", 3.6, 3.6, 3.6),
        ("P1-04", Panel1, "The AEO programme increases the speed of international market access.", 3.5, 3.5, 3.5),
        (
            "P1-05",
            Panel1,
            "The participation of other regulatory agencies in the AEO programme accelerates the clearance of cargo.",
            3.7,
            3.7,
            3.7
        ),
        (
            "P1-06",
            Panel1,
            "The participation of other regulatory agencies in the AEO programme has no major impact as a measure "
                + "to facilitate customs clearance.",
            2.0,
            2.0,
            2.0
        ),
        (
            "P1-07",
            Panel1,
            "The participation of other regulatory agencies in the AEO programme can be understood as an extension "
                + "or improvement of the benefits the AEO status provides.",
            3.4,
            3.3,
            3.5
        ),
        (
            "P1-08",
            Panel1,
            "The participation of other regulatory agencies in the AEO programme raises the price and increases "
                + "the complexity of the AEO certification process for business.",
            2.5,
            2.8,
            2.3
        ),
        (
            "P1-09",
            Panel1,
            "One of the benefits that contributes most to trade facilitation is less physical inspection of the cargo.",
            3.5,
            3.4,
            3.5
        ),
        (
            "P1-10",
            Panel1,
            "One of the benefits that contributes most to trade facilitation is the speeding up of border procedures.",
            3.6,
            3.5,
            3.7
        ),
        (
            "P1-11",
            Panel1,
            "One of the benefits that contributes most to trade facilitation is the reduction or simplification of "
                + "the formalities for cargo clearance.",
            3.6,
            3.6,
            3.6
        ),
        (
            "P1-12",
            Panel1,
            "One of the benefits that contributes most to trade facilitation is the implementation of simplified "
                + "procedures for paying taxes.",
            3.2,
            3.2,
            3.3
        ),
        ("P2-01", Panel2, "Your economy has a specific association for SMEs.", 2.9, 2.8, 2.9),
        ("P2-02", Panel2, "SMEs have access to the AEO programme in your economy.", 2.9, 2.9, 2.8),
        ("P2-03", Panel2, "The AEO programme must include SMEs.", 3.6, 3.5, 3.6),
        ("P2-04", Panel2, "If your economy does not currently certify SMEs as AEOs, it may have a plan to include them.", 2.9, 2.9, 2.9),
        (
            "P2-05",
            Panel2,
            "The institution responsible for the AEO programme has a specific section for AEOs as well as SMEs on its website.",
            2.5,
            2.6,
            2.3
        ),
        ("P2-06", Panel2, "SMEs have to fulfil specific requirements to apply and become an AEO.", 3.0, 2.9, 3.1),
        ("P2-07", Panel2, "SMEs can be waived from complying with certain requirements and be certified.", 2.0, 2.0, 2.1),
        ("P2-08", Panel2, "Specific benefits must be granted to SMEs once they become AEOs.", 3.1, 2.9, 3.4),
        (
            "P2-09",
            Panel2,
            "SMEs have found it difficult to join the AEO programme because customs did not design it with SMEs' business model in mind.",
            2.9,
            2.9,
            2.9
        ),
        (
            "P2-10",
            Panel2,
            "SMEs have found it difficult to join the AEO programme because, from the beginning, it was developed "
                + "only for large companies.",
            2.7,
            3.0,
            2.5
        ),
        (
            "P2-11",
            Panel2,
            "SMEs have found it difficult to join the AEO programme because the benefits are not attractive to SMEs.",
            2.8,
            2.9,
            2.8
        ),
        (
            "P2-12",
            Panel2,
            "SMEs have found it difficult to join the AEO programme because the benefits do not improve the cost-benefit relationship.",
            2.6,
            2.6,
            2.7
        ),
        (
            "P2-13",
            Panel2,
            "To encourage SMEs to participate in the AEO programme, customs must develop new benefits focused on SMEs' business model.",
            3.3,
            3.0,
            3.6
        ),
        (
            "P2-14",
            Panel2,
            "To encourage SMEs to participate in the AEO programme, customs must develop new AEO standards for "
                + "SMEs with fewer requirements.",
            2.6,
            2.6,
            2.7
        ),
        (
            "P2-15",
            Panel2,
            "To encourage SMEs to participate in the AEO programme, customs must introduce some flexibility in the "
                + "way SMEs demonstrate compliance with the AEO criteria.",
            3.0,
            3.1,
            3.0
        ),
        (
            "P2-16",
            Panel2,
            "To encourage SMEs to participate in the AEO programme, customs must promote government financial aid "
                + "for SMEs to cover implementation costs.",
            3.2,
            3.1,
            3.4
        ),
        (
            "P2-17",
            Panel2,
            "To encourage SMEs to participate in the AEO programme, customs must involve other government agencies "
                + "in the AEO programme to add supplementary benefits.",
            3.6,
            3.5,
            3.7
        ),
        (
            "P3-01",
            Panel3,
            "Legal frameworks of each economy that involve complex processes to negotiate are one of the important "
                + "difficulties faced when negotiating MRAs.",
            3.2,
            3.2,
            3.4
        ),
        (
            "P3-02",
            Panel3,
            "Having enough companies to schedule observation visits is one of the important difficulties faced when negotiating MRAs.",
            2.8,
            2.9,
            2.9
        ),
        (
            "P3-03",
            Panel3,
            "Providing the financial resources (budget) to conduct observation visits is one of the important "
                + "difficulties faced when negotiating MRAs.",
            3.2,
            3.2,
            3.1
        ),
        (
            "P3-04",
            Panel3,
            "Programme compatibility (requirements, conditions, legal framework, etc.) is one of the important "
                + "difficulties faced when negotiating MRAs.",
            3.4,
            3.5,
            3.3
        ),
        (
            "P3-05",
            Panel3,
            "Agreeing benefits that are attractive to companies in both economies is one of the important "
                + "difficulties faced when negotiating MRAs.",
            3.2,
            3.1,
            3.3
        ),
        (
            "P3-06",
            Panel3,
            "Defining the methodology (process) for the exchange of information is one of the important "
                + "difficulties faced when implementing MRAs.",
            3.3,
            3.3,
            3.3
        ),
        (
            "P3-07",
            Panel3,
            "Providing benefits to the certified companies of the partner economy is one of the important "
                + "difficulties faced when implementing MRAs.",
            3.2,
            3.1,
            3.3
        ),
        (
            "P3-08",
            Panel3,
            "Technological barriers to information exchange (changes to IT systems) are one of the important "
                + "difficulties faced when implementing MRAs.",
            3.2,
            3.3,
            3.2
        ),
        (
            "P3-09",
            Panel3,
            "Providing the financial resources (budget) for implementation is one of the major difficulties faced when implementing MRAs.",
            3.1,
            3.0,
            3.1
        ),
        (
            "P3-10",
            Panel3,
            "Streamlining border crossings (for economies with a common land border) is one of the most important "
                + "benefits of implementing MRAs.",
            3.5,
            3.4,
            3.6
        ),
        (
            "P3-11",
            Panel3,
            "Simplifying and streamlining the clearance of import and export cargo is one of the most important "
                + "benefits of implementing MRAs.",
            3.6,
            3.5,
            3.7
        ),
        (
            "P3-12",
            Panel3,
            "The reduction in logistics costs of import and export operations is one of the most important benefits of implementing MRAs.",
            3.5,
            3.4,
            3.6
        ),
        (
            "P3-13",
            Panel3,
            "The partnership between the customs administrations of the economies that signed the MRA is one of "
                + "the most important benefits of implementing MRAs.",
            3.4,
            3.4,
            3.5
        ),
        (
            "P3-14",
            Panel3,
            "Achieving a higher standard of cargo security, through links between AEO businesses, is one of the "
                + "most important benefits of implementing MRAs.",
            3.5,
            3.4,
            3.8
        ),
        (
            "P3-15",
            Panel3,
            "Creating new business opportunities between AEO companies is one of the most important benefits of implementing MRAs.",
            3.5,
            3.4,
            3.6
        ),
        (
            "P3-16",
            Panel3,
            "Simplifying and accelerating clearance between related companies (headquarters and branches) is one "
                + "of the most important benefits of implementing MRAs.",
            3.3,
            3.2,
            3.5
        ),
    ];

    private const string OpenSection = "Your own words";

    private static readonly SurveySegment Customs = new("customs", "Customs administration", PublicSectorName);
    private static readonly SurveySegment Agency = new("agency", "Other government agency", PublicSectorName);
    private static readonly SurveySegment OtherPublic = new(
        "other-public",
        "Other public body (ministry, trade promotion)",
        PublicSectorName
    );
    private static readonly SurveySegment Sme = new("sme", "Small or medium enterprise", PrivateSectorName);
    private static readonly SurveySegment Large = new("large", "Large company", PrivateSectorName);
    private static readonly SurveySegment Intermediary = new("intermediary", "Customs broker, forwarder or carrier", PrivateSectorName);
    private static readonly SurveySegment Association = new("association", "Trade or business association", PrivateSectorName);
    private static readonly SurveySegment Expert = new("expert", "Expert or international organisation", OtherSectorName);

    private static IEnumerable<SurveyQuestion> Likert() =>
        Statements.Select(s => new SurveyQuestion(s.Code, s.Section, s.Text, SurveyQuestionKind.Likert));

    private static SurveyQuestion Open(string code, string text) => new(code, OpenSection, text, SurveyQuestionKind.Open);

    private const string Anonymous =
        "Your answers are anonymous: we keep neither your name nor your address with them. Each statement is answered "
        + "from 1 (strongly disagree) to 5 (strongly agree); skip any you cannot judge.";

    public static IReadOnlyList<SurveyTemplate> All { get; } =
    [
        new(
            Workshop,
            "AEO programmes and SMEs: workshop survey",
            "The questionnaire of the APEC workshop on integrating SMEs into AEO programmes (Santiago, 2019), for "
                + "participants from the public and the private sector. "
                + Anonymous,
            [
                .. Likert(),
                Open("O-BARRIER", "What is the main barrier that keeps SMEs in your economy from becoming AEOs?"),
                Open("O-IDEAS", "What should customs do first to bring more SMEs into the AEO programme?"),
                Open("O-COMMENTS", "Any other comments on the workshop's topics?"),
            ],
            [Customs, Agency, OtherPublic, Sme, Large, Intermediary, Association, Expert]
        ),
        new(
            PublicSector,
            "AEO programme survey: public sector",
            "For customs officers and officials of other government agencies involved in the AEO programme. " + Anonymous,
            [
                .. Likert(),
                Open("O-BARRIER", "What keeps your administration from certifying more SMEs?"),
                Open("O-AGENCIES", "Which benefits could other government agencies grant AEOs in your economy?"),
                Open("O-COMMENTS", "Any other comments?"),
            ],
            [Customs, Agency, OtherPublic]
        ),
        new(
            PrivateSector,
            "AEO programme survey: private sector",
            "For companies, customs brokers, forwarders and business associations, whether AEOs or not. " + Anonymous,
            [
                .. Likert(),
                Open("O-BARRIER", "What is the main barrier that keeps your company (or your members) from becoming an AEO?"),
                Open("O-BENEFITS", "Which benefit would make AEO certification worth its cost to you?"),
                Open("O-COMMENTS", "Any other comments?"),
            ],
            [Sme, Large, Intermediary, Association]
        ),
    ];

    public static SurveyTemplate? Find(string? key) =>
        All.FirstOrDefault(t => string.Equals(t.Key, key?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The report's published means (4-point scale) for each statement, by code.</summary>
    public static IReadOnlyList<SurveyPublishedMean> PublishedMeans { get; } =
    [.. Statements.Select(s => new SurveyPublishedMean(s.Code, s.General, s.Public, s.Private))];

    /// <summary>
    /// A 4-point level (the report's scale: 1 strongly disagree, 2 disagree, 3 agree, 4 strongly agree) on the 1–5 scale. The
    /// report offered no middle, so its levels keep their words: disagreement stays 1 and 2, agreement becomes 4 and 5, and nobody
    /// lands on 3. A 4-point answer sheet therefore reads the same on both scales, and its top-two-box share is unchanged.
    /// </summary>
    public static int FromFourPoint(int level) =>
        level switch
        {
            1 => 1,
            2 => 2,
            3 => 4,
            4 => 5,
            _ => throw new ArgumentOutOfRangeException(nameof(level), level, "The report's scale has four levels."),
        };

    /// <summary>The inverse of <see cref="FromFourPoint"/> for levels it produces (a 3 on the 1–5 scale has no 4-point level).</summary>
    public static int? ToFourPoint(int level) =>
        level switch
        {
            1 => 1,
            2 => 2,
            4 => 3,
            5 => 4,
            _ => null,
        };

    /// <summary>
    /// <paramref name="n"/> answers on the report's 4-point scale whose mean is <paramref name="mean"/> to one decimal: everybody
    /// starts at the nearest levels that give the rounded total, then a sixth of them spread one level each way in pairs (the sum
    /// kept), so the answers look like people's rather than a single column. Sorted ascending.
    /// </summary>
    public static int[] FourPointAnswers(double mean, int n)
    {
        if (n <= 0 || mean is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(mean), "n must be positive and the mean between 1 and 4.");
        }

        var total = (int)Math.Round(mean * n, MidpointRounding.AwayFromZero);
        var floor = Math.Clamp(total / n, 1, 4);
        var levels = Enumerable.Repeat(floor, n).ToArray();
        for (var i = 0; i < total - floor * n && i < n; i++)
        {
            levels[i] = floor + 1;
        }

        for (var pair = 0; pair < n / 6; pair++)
        {
            var counts = Enumerable.Range(1, 4).Select(l => levels.Count(x => x == l)).ToArray();
            var middle = counts[1] >= counts[2] ? 2 : 3;
            if (counts[middle - 1] < 2)
            {
                break;
            }

            var first = Array.IndexOf(levels, middle);
            levels[first] = middle + 1;
            levels[Array.IndexOf(levels, middle, first + 1)] = middle - 1;
        }

        Array.Sort(levels);
        return levels;
    }
}
