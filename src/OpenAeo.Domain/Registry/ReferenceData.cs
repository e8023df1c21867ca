namespace OpenAeo.Domain.Registry;

/// <summary>
/// The reference data OpenAeo ships: the 21 APEC economies, their AEO programmes and the counts the APEC report
/// publishes (see <c>shared/design/reference-data.md</c>). Every row carries a source so users can tell shipped
/// facts from their own edits; all of it is editable after loading.
/// </summary>
public static class ReferenceData
{
    public const string ReportSource = "APEC report on SMEs in AEO certification (2020), section II";
    public const string Table1IdbSource = "APEC report, Table 1: AEO importers and/or exporters (IDB study)";
    public const string Table1WcoSource = "APEC report, Table 1: WCO 2019 Compendium of AEO Programmes";
    public const string SmeSource = "APEC report, section III: certified SMEs, July 2019";
    public const string CalendarSource =
        "OpenAeo starter calendar: fixed-date national holidays only; add movable holidays for your programme";

    /// <summary>APEC's 21 member economies with the names APEC uses.</summary>
    public static IReadOnlyList<(string Code, string Name)> ApecEconomies { get; } =
    [
        ("AU", "Australia"),
        ("BN", "Brunei Darussalam"),
        ("CA", "Canada"),
        ("CL", "Chile"),
        ("CN", "China"),
        ("HK", "Hong Kong, China"),
        ("ID", "Indonesia"),
        ("JP", "Japan"),
        ("KR", "Korea"),
        ("MY", "Malaysia"),
        ("MX", "Mexico"),
        ("NZ", "New Zealand"),
        ("PG", "Papua New Guinea"),
        ("PE", "Peru"),
        ("PH", "The Philippines"),
        ("RU", "Russia"),
        ("SG", "Singapore"),
        ("TW", "Chinese Taipei"),
        ("TH", "Thailand"),
        ("US", "United States"),
        ("VN", "Viet Nam"),
    ];

    /// <summary>Non-APEC members of the blocs the report names, so plurilateral MRAs can be recorded.</summary>
    public static IReadOnlyList<(string Code, string Name)> OtherEconomies { get; } =
    [("CO", "Colombia"), ("AR", "Argentina"), ("BR", "Brazil"), ("PY", "Paraguay"), ("UY", "Uruguay")];

    public static IReadOnlyList<(string Code, string Name, string[] Members)> Blocs { get; } =
    [("PACIFICALLIANCE", "Pacific Alliance", ["CL", "CO", "MX", "PE"]), ("MERCOSUR", "Mercosur", ["AR", "BR", "PY", "UY"])];

    public static IReadOnlyList<Economy> Economies()
    {
        var list = new List<Economy>();
        list.AddRange(
            ApecEconomies.Select(e => Economy.Create(e.Code, e.Name, EconomyKind.Economy, apecMember: true, source: ReportSource).Value!)
        );
        list.AddRange(
            OtherEconomies.Select(e =>
                Economy.Create(e.Code, e.Name, EconomyKind.Economy, source: "APEC report, section II.2 (MRA blocs)").Value!
            )
        );
        list.AddRange(
            Blocs.Select(b =>
                Economy.Create(b.Code, b.Name, EconomyKind.Bloc, members: b.Members, source: "APEC report, section II.2 (MRA blocs)").Value!
            )
        );
        return list;
    }

    public static IReadOnlyList<ProgrammeDefinition> Programmes()
    {
        var list = new List<ProgrammeDefinition>();
        foreach (var (code, _) in ApecEconomies)
        {
            list.Add(Programme(code));
        }

        return list;
    }

    private static ProgrammeDefinition Programme(string economy)
    {
        var (name, shortName) = economy switch
        {
            "US" => ("Customs Trade Partnership Against Terrorism", "CTPAT"),
            "NZ" => ("Secure Exports Scheme", "SES"),
            "AU" => ("Australian Trusted Trader", "ATT"),
            "SG" => ("Secure Trade Partnership", "STP"),
            "CA" => ("Partners in Protection", "PIP"),
            "PG" => ("AEO programme (in development)", null),
            _ => ("Authorized Economic Operator", "AEO"),
        };
        int? launch = economy switch
        {
            "ID" or "PH" => 2015,
            "AU" => 2016,
            "CL" => 2017,
            _ => null,
        };
        int? validity = economy switch
        {
            "MX" or "MY" => 2,
            "SG" or "VN" or "HK" => 3,
            _ => null,
        };
        var smeCap = economy switch
        {
            "NZ" => 20,
            "CN" => 1000,
            _ => 200,
        };
        string[] tiers = economy == "CN" ? ["Advanced Certified Enterprise", "General Certified Enterprise"] : [];
        var eligible = economy == "NZ" ? OperatorRoles.Exporter : OperatorRoles.None;
        var notes = economy switch
        {
            "JP" => "Japan consults applicants for 1–2 years before submission.",
            "NZ" => "Certifies exporters only.",
            "PG" => "Papua New Guinea is developing its programme.",
            "SG" or "VN" or "HK" => "Certificates are valid for up to 3 years.",
            _ => null,
        };
        var smeNote = smeCap == 200 ? " SME cap is OpenAeo's default (UNDP: fewer than 200 employees); set the programme's own." : "";
        return new ProgrammeDefinition(
            Code: economy,
            EconomyCode: economy,
            Name: name,
            ShortName: shortName,
            LaunchYear: launch,
            Status: economy == "PG" ? ProgrammeStatus.InDevelopment : ProgrammeStatus.Operational,
            Validity: new ValidityPolicy(validity),
            Sla: SlaPolicy.Default,
            Sme: new SmeDefinition(smeCap),
            Tracks: Tracks.Standard | Tracks.Sme,
            Tiers: tiers,
            EligibleRoles: eligible,
            Calendar: Calendar(economy),
            Notes: notes,
            Source: ReportSource + "." + smeNote + " Calendar: " + CalendarSource + ".",
            TimeZone: TimeZones[economy]
        );
    }

    /// <summary>The time zone of each programme's head office (the capital's, or the main customs office's).</summary>
    public static IReadOnlyDictionary<string, string> TimeZones { get; } =
        new Dictionary<string, string>
        {
            ["AU"] = "Australia/Sydney",
            ["BN"] = "Asia/Brunei",
            ["CA"] = "America/Toronto",
            ["CL"] = "America/Santiago",
            ["CN"] = "Asia/Shanghai",
            ["HK"] = "Asia/Hong_Kong",
            ["ID"] = "Asia/Jakarta",
            ["JP"] = "Asia/Tokyo",
            ["KR"] = "Asia/Seoul",
            ["MY"] = "Asia/Kuala_Lumpur",
            ["MX"] = "America/Mexico_City",
            ["NZ"] = "Pacific/Auckland",
            ["PG"] = "Pacific/Port_Moresby",
            ["PE"] = "America/Lima",
            ["PH"] = "Asia/Manila",
            ["RU"] = "Europe/Moscow",
            ["SG"] = "Asia/Singapore",
            ["TW"] = "Asia/Taipei",
            ["TH"] = "Asia/Bangkok",
            ["US"] = "America/New_York",
            ["VN"] = "Asia/Ho_Chi_Minh",
        };

    private static BusinessCalendar Calendar(string economy)
    {
        // Brunei's weekend is Friday and Sunday; every other APEC economy rests on Saturday and Sunday.
        var weekend =
            economy == "BN"
                ? new HashSet<DayOfWeek> { DayOfWeek.Friday, DayOfWeek.Sunday }
                : new HashSet<DayOfWeek> { DayOfWeek.Saturday, DayOfWeek.Sunday };
        var annual = economy switch
        {
            "AU" => "01-01 01-26 04-25 12-25 12-26",
            "BN" => "01-01 02-23 05-31 07-15",
            "CA" => "01-01 07-01 12-25 12-26",
            "CL" => "01-01 05-01 05-21 09-18 09-19 12-08 12-25",
            "CN" => "01-01 05-01 10-01 10-02 10-03",
            "HK" => "01-01 05-01 07-01 10-01 12-25 12-26",
            "ID" => "01-01 05-01 06-01 08-17 12-25",
            "JP" => "01-01 02-11 02-23 04-29 05-03 05-04 05-05 11-03 11-23",
            "KR" => "01-01 03-01 05-05 06-06 08-15 10-03 10-09 12-25",
            "MY" => "01-01 05-01 08-31 09-16 12-25",
            "MX" => "01-01 05-01 09-16 12-25",
            "NZ" => "01-01 01-02 02-06 04-25 12-25 12-26",
            "PG" => "01-01 09-16 12-25 12-26",
            "PE" => "01-01 05-01 06-29 07-28 07-29 08-30 10-08 11-01 12-08 12-25",
            "PH" => "01-01 04-09 05-01 06-12 11-01 11-30 12-25 12-30",
            "RU" => "01-01 01-02 01-03 01-04 01-05 01-06 01-07 01-08 02-23 03-08 05-01 05-09 06-12 11-04",
            "SG" => "01-01 05-01 08-09 12-25",
            "TW" => "01-01 02-28 04-04 10-10",
            "TH" => "01-01 04-06 04-13 04-14 04-15 05-01 07-28 08-12 10-13 10-23 12-05 12-10 12-31",
            "US" => "01-01 06-19 07-04 11-11 12-25",
            "VN" => "01-01 04-30 05-01 09-02",
            _ => "01-01",
        };
        var days = annual
            .Split(' ')
            .Select(s =>
                (
                    int.Parse(s[..2], System.Globalization.CultureInfo.InvariantCulture),
                    int.Parse(s[3..], System.Globalization.CultureInfo.InvariantCulture)
                )
            )
            .ToHashSet();
        return new BusinessCalendar(weekend, days, new HashSet<DateOnly>());
    }

    public static IReadOnlyList<ProgrammeStatistic> Statistics()
    {
        var list = new List<ProgrammeStatistic>();
        void Idb(string code, int count) => list.Add(new(code, "AEO importers and/or exporters", count, null, Table1IdbSource));
        void Wco(string code, string metric, int count) => list.Add(new(code, metric, count, null, Table1WcoSource));

        Idb("CL", 2);
        Idb("HK", 38);
        Idb("JP", 60);
        Idb("VN", 69);
        Idb("MY", 70);
        Idb("PE", 85);
        Idb("TW", 122);
        Idb("NZ", 125);
        Idb("TH", 182);
        Idb("SG", 193);
        Idb("AU", 325);
        Idb("MX", 631);
        Idb("CA", 2088);
        Idb("CN", 3200);
        Idb("US", 11579);

        Wco("HK", "AEO operators", 50);
        Wco("JP", "Importers", 97);
        Wco("JP", "Exporters", 239);
        Wco("JP", "Customs brokers", 211);
        Wco("JP", "Warehouse operators", 136);
        Wco("JP", "Logistics operators", 7);
        Wco("VN", "AEO operators", 65);
        Wco("MY", "Importers", 70);
        Wco("MY", "Exporters", 70);
        Wco("PE", "AEO operators", 101);
        Wco("NZ", "Exporters", 123);
        Wco("TH", "Importers/exporters", 178);
        Wco("TH", "Customs brokers", 176);
        Wco("SG", "AEO operators", 183);
        Wco("AU", "AEO operators", 317);
        Wco("MX", "Exporters and importers", 612);
        Wco("MX", "Customs brokers", 154);
        Wco("MX", "Road carriers", 165);
        Wco("MX", "Bonded warehouses", 10);
        Wco("MX", "Strategic bonded warehouses", 2);
        Wco("MX", "Industrial estates", 2);
        Wco("MX", "Couriers", 2);
        Wco("CA", "AEO operators", 1633);
        Wco("CN", "Advanced Certified Enterprises", 3366);
        Wco("CN", "General Certified Enterprises", 30145);
        Wco("US", "AEO operators", 11586);
        Wco("KR", "Exporters", 276);
        Wco("KR", "Importers", 143);
        Wco("KR", "Customs brokers", 105);
        Wco("KR", "Freight forwarders", 205);
        Wco("KR", "Transporters", 34);
        Wco("KR", "Sea carriers", 9);
        Wco("KR", "Air carriers", 2);
        Wco("KR", "Ground handlers", 6);
        Wco("KR", "Warehouse operators", 52);
        Wco("ID", "AEO operators", 110);
        Wco("RU", "AEO operators", 177);

        var taipei = new DateOnly(2020, 7, 12);
        const string taipeiSource = "APEC report, notes to Table 1: Chinese Taipei's online AEO information";
        foreach (
            var (metric, count) in new[]
            {
                ("Exporters", 130),
                ("Importers", 130),
                ("Manufacturers", 123),
                ("Customs brokers", 157),
                ("Freight forwarders", 134),
                ("Road transportation", 20),
                ("Sea carriers", 8),
                ("Air carriers", 3),
                ("Warehouse operators", 36),
                ("Shipping agents", 7),
            }
        )
        {
            list.Add(new("TW", metric, count, taipei, taipeiSource));
        }

        var july2019 = new DateOnly(2019, 7, 1);
        foreach (var (code, count) in new[] { ("AU", 118), ("CA", 1512), ("SG", 45), ("HK", 11), ("PE", 3), ("MY", 2), ("CL", 1) })
        {
            list.Add(new(code, "Certified SMEs", count, july2019, SmeSource));
        }

        list.Add(new("AU", "SMEs in the certification process", 74, july2019, SmeSource));
        list.Add(new("HK", "SMEs in the certification process", 1, july2019, SmeSource));
        return list;
    }

    /// <summary>The Table 1 metric charted as "AEO count by economy".</summary>
    public const string IdbMetric = "AEO importers and/or exporters";
}
