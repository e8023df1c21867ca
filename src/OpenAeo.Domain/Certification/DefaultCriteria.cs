using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Certification;

/// <summary>
/// The shipped criteria packs: the WCO SAFE Framework's AEO conditions and requirements as self-assessment questions,
/// written for OpenAeo in English and Spanish, for the Standard and SME tracks, and an e-commerce pack for platforms and
/// merchants. Each question says which operator roles it is asked of (none: everyone) and, where it makes sense, has an
/// alleviated form an SME answers instead (ADR 0033). The standard is the same on both tracks; the SME track also accepts
/// outcome-based answers. Outsourcing is allowed per criterion on every track.
/// </summary>
public static class DefaultCriteria
{
    public const string StandardKey = "wco-safe-standard";
    public const string SmeKey = "wco-safe-sme";
    public const string EcommerceKey = "ecommerce";

    private const OperatorRoles Carriers =
        OperatorRoles.RoadCarrier | OperatorRoles.SeaCarrier | OperatorRoles.AirCarrier | OperatorRoles.Courier;

    /// <summary>Everyone who has the goods in their hands at some point: they pack, store, load, move or receive them.</summary>
    private const OperatorRoles Handlers =
        OperatorRoles.Importer
        | OperatorRoles.Exporter
        | OperatorRoles.Manufacturer
        | Carriers
        | OperatorRoles.FreightForwarder
        | OperatorRoles.GroundHandler
        | OperatorRoles.WarehouseOperator
        | OperatorRoles.LogisticsOperator
        | OperatorRoles.TerminalOperator;

    /// <summary>Those who keep stock and so can reconcile it with declarations.</summary>
    private const OperatorRoles StockKeepers =
        OperatorRoles.Importer
        | OperatorRoles.Exporter
        | OperatorRoles.Manufacturer
        | OperatorRoles.WarehouseOperator
        | OperatorRoles.LogisticsOperator
        | OperatorRoles.EcommerceMerchant;

    /// <summary>Those who load or move conveyances and containers.</summary>
    private const OperatorRoles Loaders =
        OperatorRoles.Exporter
        | OperatorRoles.Manufacturer
        | Carriers
        | OperatorRoles.WarehouseOperator
        | OperatorRoles.LogisticsOperator
        | OperatorRoles.TerminalOperator
        | OperatorRoles.Importer;

    /// <summary>Those who act for clients they must know.</summary>
    private const OperatorRoles Intermediaries = OperatorRoles.CustomsBroker | OperatorRoles.FreightForwarder | OperatorRoles.ShippingAgent;

    /// <summary>Those who keep goods in their custody between movements.</summary>
    private const OperatorRoles Custodians =
        OperatorRoles.WarehouseOperator | OperatorRoles.TerminalOperator | OperatorRoles.LogisticsOperator | OperatorRoles.GroundHandler;

    private sealed record Q(
        string Text,
        string TextEs,
        bool Evidence,
        bool Outcome,
        bool Outsource,
        OperatorRoles Roles = OperatorRoles.None,
        string? Sme = null,
        string? SmeEs = null
    );

    private static readonly (string Group, string Prefix, Q[] Questions)[] Safe =
    [
        (
            "Compliance record",
            "COMP",
            [
                new(
                    "Describe any customs or tax offences in the last three years and what you changed since.",
                    "Describa las infracciones aduaneras o tributarias de los últimos tres años y qué cambió desde entonces.",
                    false,
                    false,
                    false
                ),
                new(
                    "Who is responsible for customs matters, and how do they stay informed of the rules?",
                    "¿Quién es responsable de los asuntos aduaneros y cómo se mantiene informado de las normas?",
                    false,
                    true,
                    true,
                    Sme: "Name the person who handles customs matters (an employee or your broker) and say where they look up the rules.",
                    SmeEs: "Indique la persona que lleva los asuntos aduaneros (un empleado o su agente de aduanas) y "
                        + "dónde consulta las normas."
                ),
            ]
        ),
        (
            "Commercial records management",
            "RECS",
            [
                new(
                    "How are commercial, transport and customs records kept, and for how long?",
                    "¿Cómo se conservan los registros comerciales, de transporte y aduaneros, y durante cuánto tiempo?",
                    true,
                    true,
                    true,
                    Sme: "Where do you keep invoices, transport documents and declarations, and can you find one from three years ago?",
                    SmeEs: "¿Dónde guarda facturas, documentos de transporte y declaraciones, y puede encontrar uno de hace tres años?"
                ),
                new(
                    "How do you reconcile declarations with your accounts and stock records?",
                    "¿Cómo concilia las declaraciones con su contabilidad y sus registros de existencias?",
                    true,
                    true,
                    false,
                    StockKeepers
                ),
            ]
        ),
        (
            "Financial viability",
            "FIN",
            [
                new(
                    "Provide the last financial statements or a bank reference showing solvency.",
                    "Aporte los últimos estados financieros o una referencia bancaria que muestre su solvencia.",
                    true,
                    false,
                    false,
                    Sme: "Provide your last annual tax return or a letter from your bank showing you pay your debts when due.",
                    SmeEs: "Aporte su última declaración anual de impuestos o una carta de su banco que muestre que paga "
                        + "sus deudas a tiempo."
                ),
            ]
        ),
        (
            "Consultation, co-operation and communication",
            "COMM",
            [
                new(
                    "Who is the contact for customs, and how are customs questions escalated inside the company?",
                    "¿Quién es el contacto para la aduana y cómo se escalan internamente las consultas aduaneras?",
                    false,
                    false,
                    false
                ),
            ]
        ),
        (
            "Education, training and awareness",
            "TRAIN",
            [
                new(
                    "How are staff trained on supply-chain security and customs obligations?",
                    "¿Cómo se capacita al personal en seguridad de la cadena logística y obligaciones aduaneras?",
                    true,
                    true,
                    true,
                    Sme: "Who in the company knows the security rules, and how do they brief the others (a meeting, a checklist)?",
                    SmeEs: "¿Quién conoce en la empresa las normas de seguridad y cómo informa a los demás (una reunión, "
                        + "una lista de control)?"
                ),
            ]
        ),
        (
            "Information exchange, access and confidentiality",
            "INFO",
            [
                new(
                    "How are IT systems protected against unauthorised access and data loss?",
                    "¿Cómo se protegen los sistemas informáticos contra el acceso no autorizado y la pérdida de datos?",
                    true,
                    true,
                    true,
                    Sme: "How are your computers protected (passwords, backups, who has access)?",
                    SmeEs: "¿Cómo protege sus computadoras (contraseñas, copias de seguridad, quién tiene acceso)?"
                ),
                new(
                    "How is access to customs data restricted to the staff who need it?",
                    "¿Cómo se limita el acceso a los datos aduaneros al personal que los necesita?",
                    false,
                    true,
                    false
                ),
            ]
        ),
        (
            "Cargo security",
            "CARGO",
            [
                new(
                    "How is the integrity of cargo protected from packing to handover (seals, checks, records)?",
                    "¿Cómo se protege la integridad de la carga desde el embalaje hasta la entrega (precintos, controles, registros)?",
                    true,
                    true,
                    true,
                    Handlers,
                    Sme: "Who checks the goods before they leave or when they arrive, and what do they write down?",
                    SmeEs: "¿Quién revisa la mercancía antes de que salga o cuando llega, y qué anota?"
                ),
                new(
                    "How are seals controlled, applied, recorded and verified?",
                    "¿Cómo se controlan, colocan, registran y verifican los precintos?",
                    true,
                    true,
                    false,
                    Loaders
                ),
                new(
                    "How are goods received into and released from your custody recorded, and how are shortages, "
                        + "overages and tampering reported to customs?",
                    "¿Cómo se registran las entradas y salidas de mercancía bajo su custodia y cómo se comunican a "
                        + "la aduana faltantes, sobrantes y manipulaciones?",
                    true,
                    true,
                    false,
                    Custodians,
                    Sme: "How do you count goods in and out, and whom do you call at customs when something does not match?",
                    SmeEs: "¿Cómo cuenta la mercancía que entra y sale, y a quién llama en la aduana cuando algo no coincide?"
                ),
                new(
                    "How is the production line protected against unmanifested goods, and how are finished goods checked before packing?",
                    "¿Cómo se protege la línea de producción contra mercancía no declarada y cómo se revisan los "
                        + "productos terminados antes del embalaje?",
                    true,
                    true,
                    true,
                    OperatorRoles.Manufacturer
                ),
            ]
        ),
        (
            "Conveyance security",
            "CONV",
            [
                new(
                    "How are conveyances and containers inspected for hiding places before loading?",
                    "¿Cómo se inspeccionan los medios de transporte y contenedores en busca de escondites antes de la carga?",
                    true,
                    true,
                    true,
                    Loaders,
                    Sme: "Before loading, who looks inside the truck or container, and do they tick a checklist?",
                    SmeEs: "Antes de cargar, ¿quién revisa el interior del camión o contenedor y marca una lista de control?"
                ),
                new(
                    "How are conveyances tracked en route, and how are unscheduled stops and route deviations reported and investigated?",
                    "¿Cómo se sigue el medio de transporte en ruta y cómo se informan e investigan las paradas no previstas y los desvíos?",
                    true,
                    true,
                    true,
                    Carriers,
                    Sme: "How do your drivers report where they are and any unplanned stop?",
                    SmeEs: "¿Cómo informan sus conductores dónde están y cualquier parada no prevista?"
                ),
            ]
        ),
        (
            "Premises security",
            "PREM",
            [
                new(
                    "How are buildings and cargo areas protected (fences, locks, lighting, CCTV, alarms)?",
                    "¿Cómo se protegen los edificios y las zonas de carga (cercas, cerraduras, iluminación, CCTV, alarmas)?",
                    true,
                    true,
                    true,
                    Handlers,
                    Sme: "How is the place where goods are kept locked and watched when nobody is there?",
                    SmeEs: "¿Cómo se cierra y vigila el lugar donde se guarda la mercancía cuando no hay nadie?"
                ),
                // Every operator has premises where customs data or goods are: access control is asked of all.
                new(
                    "How is access of employees, visitors and vehicles controlled?",
                    "¿Cómo se controla el acceso de empleados, visitantes y vehículos?",
                    true,
                    true,
                    true
                ),
            ]
        ),
        (
            "Personnel security",
            "PERS",
            [
                new(
                    "How are employees in security-sensitive positions screened?",
                    "¿Cómo se verifica a los empleados en puestos sensibles para la seguridad?",
                    true,
                    true,
                    true,
                    Sme: "How do you check the people you hire for jobs that touch the goods or customs data (references, identity)?",
                    SmeEs: "¿Cómo verifica a las personas que contrata para puestos que tocan la mercancía o los datos "
                        + "aduaneros (referencias, identidad)?"
                ),
            ]
        ),
        (
            "Trading partner security",
            "PART",
            [
                new(
                    "How do you assess and require security from your business partners (e.g. AEO status, contract clauses)?",
                    "¿Cómo evalúa y exige seguridad a sus socios comerciales (p. ej. condición de OEA, cláusulas contractuales)?",
                    true,
                    true,
                    false,
                    Sme: "Which of your main partners are AEOs, and what do you ask of the others?",
                    SmeEs: "¿Cuáles de sus principales socios son OEA y qué les pide a los demás?"
                ),
                new(
                    "How do you verify the identity and authority of the clients you act for, and refuse instructions that look irregular?",
                    "¿Cómo verifica la identidad y la autorización de los clientes por los que actúa y rechaza "
                        + "instrucciones que parecen irregulares?",
                    true,
                    true,
                    false,
                    Intermediaries
                ),
            ]
        ),
        (
            "Crisis management and incident recovery",
            "CRISIS",
            [
                new(
                    "What is your plan for security incidents and disruptions, and how is it tested?",
                    "¿Cuál es su plan para incidentes de seguridad e interrupciones y cómo se pone a prueba?",
                    true,
                    true,
                    true,
                    Sme: "Whom do you call, and what do you do first, if goods are stolen, tampered with or a system fails?",
                    SmeEs: "¿A quién llama y qué hace primero si la mercancía es robada o manipulada o falla un sistema?"
                ),
            ]
        ),
        (
            "Measurement, analysis and improvement",
            "IMPR",
            [
                new(
                    "How are security measures reviewed and improved (internal audits, incident analysis)?",
                    "¿Cómo se revisan y mejoran las medidas de seguridad (auditorías internas, análisis de incidentes)?",
                    true,
                    true,
                    true,
                    Sme: "When did you last look at your security measures, and what did you change?",
                    SmeEs: "¿Cuándo revisó por última vez sus medidas de seguridad y qué cambió?"
                ),
            ]
        ),
    ];

    private static readonly (string Group, string Prefix, Q[] Questions)[] Ecommerce =
    [
        (
            "Compliance record",
            "EC-COMP",
            [
                new(
                    "Describe customs or tax offences of the platform or merchant in the last three years.",
                    "Describa las infracciones aduaneras o tributarias de la plataforma o del comerciante en los últimos tres años.",
                    false,
                    false,
                    false
                ),
            ]
        ),
        (
            "Data quality",
            "EC-DATA",
            [
                new(
                    "How are item descriptions, values and HS codes of consignments captured and checked before declaration?",
                    "¿Cómo se capturan y verifican las descripciones, los valores y los códigos SA de los envíos antes de declararlos?",
                    true,
                    false,
                    true
                ),
                new(
                    "How is advance electronic data sent to customs and carriers?",
                    "¿Cómo se envían los datos electrónicos anticipados a la aduana y a los transportistas?",
                    true,
                    false,
                    true
                ),
            ]
        ),
        (
            "Seller and buyer vetting",
            "EC-KYC",
            [
                new(
                    "How are sellers verified (identity, location, prohibited goods screening)?",
                    "¿Cómo se verifica a los vendedores (identidad, ubicación, control de mercancías prohibidas)?",
                    true,
                    false,
                    false,
                    OperatorRoles.EcommercePlatform
                ),
            ]
        ),
        (
            "Low-value consignments and revenue",
            "EC-LVC",
            [
                new(
                    "How are duties and taxes on low-value consignments collected and remitted?",
                    "¿Cómo se recaudan y transfieren los derechos e impuestos de los envíos de bajo valor?",
                    true,
                    false,
                    false
                ),
            ]
        ),
        (
            "Returns and logistics",
            "EC-RET",
            [
                new(
                    "How are returns handled and recorded so that duties can be refunded correctly?",
                    "¿Cómo se gestionan y registran las devoluciones para que los derechos se reembolsen correctamente?",
                    false,
                    false,
                    true
                ),
            ]
        ),
        (
            "Information security",
            "EC-INFO",
            [
                new(
                    "How are customer and customs data protected?",
                    "¿Cómo se protegen los datos de los clientes y los datos aduaneros?",
                    true,
                    false,
                    true
                ),
            ]
        ),
    ];

    public static IReadOnlyList<CriterionQuestion> Questions(Track track) =>
        [
            .. (track == Track.Ecommerce ? Ecommerce : Safe).SelectMany(g =>
                g.Questions.Select(
                    (q, i) =>
                        new CriterionQuestion(
                            $"{g.Prefix}-{i + 1}",
                            g.Group,
                            q.Text,
                            q.Evidence,
                            track == Track.Sme && q.Outcome,
                            q.Outsource
                        )
                        {
                            Roles = q.Roles,
                            SmeText = q.Sme,
                            TextEs = q.TextEs,
                            SmeTextEs = q.SmeEs,
                        }
                )
            ),
        ];

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
