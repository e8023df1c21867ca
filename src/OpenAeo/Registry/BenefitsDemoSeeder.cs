using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Cli;

namespace OpenAeo.Registry;

/// <summary>
/// The demo programme's own benefits (customs and SME), written for OpenAeo, added by the demo officer through the same
/// use case as the officers' page. Agency and MRA benefits need no seeding: the catalogue reads them from their registries.
/// </summary>
internal sealed class BenefitsDemoSeeder : IDemoSeeder
{
    public int Order => 5;

    public async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, string password, CancellationToken ct)
    {
        var db = services.GetRequiredService<OpenAeoDb>();
        var node = services.GetRequiredService<NodeEconomy>().Code;
        var programme = await db.Programmes().AsNoTracking().Where(p => p.EconomyCode == node).OrderBy(p => p.Code).FirstOrDefaultAsync(ct);
        if (programme is null || await db.Benefits().AnyAsync(b => b.ProgrammeCode == programme.Code, ct))
        {
            return [];
        }

        var officer = new Actor("officer", Role.ProgrammeOfficer, null, null);
        var clock = services.GetRequiredService<TimeProvider>();
        foreach (var request in Catalogue(programme.Sla.SmeExpeditedDays))
        {
            var added = await AddBenefit.Execute(programme.Code, request, officer, db, clock, ct);
            if (!added.IsOk)
            {
                throw new InvalidOperationException(
                    $"The demo benefit '{request.Texts![0].Title}' was refused: {string.Join(" ", added.Errors.Select(e => e.Message))}"
                );
            }
        }

        return
        [
            $"Benefits: {Catalogue(programme.Sla.SmeExpeditedDays).Count} customs and SME benefits of "
                + $"{programme.Code} written by the programme office.",
        ];
    }

    private static BenefitRequest Benefit(
        string kind,
        string family,
        string[] roles,
        string[] places,
        string delivery,
        string titleEn,
        string descriptionEn,
        string titleEs,
        string descriptionEs
    ) =>
        new(
            kind,
            family,
            roles,
            [],
            places,
            delivery,
            [new("en", titleEn, descriptionEn), new("es", titleEs, descriptionEs)],
            "demo: the programme's published benefits"
        );

    private static List<BenefitRequest> Catalogue(int smeDays) =>
        [
            Benefit(
                "Customs",
                "FewerControls",
                ["Importer"],
                ["Import"],
                "LaneCredit",
                "Fewer checks on your imports",
                "Your import declarations carry the AEO credit in customs selectivity: a lower risk score, so more "
                    + "of them are released without a documentary or physical check.",
                "Menos controles en sus importaciones",
                "Sus declaraciones de importación llevan el crédito OEA en la selectividad aduanera: una "
                    + "puntuación de riesgo más baja, por lo que más de ellas se liberan sin control documental ni "
                    + "físico."
            ),
            Benefit(
                "Customs",
                "FewerControls",
                ["CustomsBroker", "FreightForwarder", "RoadCarrier", "SeaCarrier", "AirCarrier", "WarehouseOperator"],
                ["Import"],
                "LaneCredit",
                "Credit for the AEOs in your supply chain",
                "When the broker, carrier, forwarder or warehouse on a declaration is an AEO, each one lowers the "
                    + "declaration's risk score.",
                "Crédito por los OEA de su cadena de suministro",
                "Cuando el agente, el transportista, el transitario o el almacén de una declaración es OEA, cada "
                    + "uno reduce la puntuación de riesgo de la declaración."
            ),
            Benefit(
                "Customs",
                "Priority",
                [],
                ["Import", "Export"],
                "Procedure",
                "Your goods examined first",
                "When a consignment is selected for examination, it goes to the front of the queue; you may ask "
                    + "for the examination at your own premises.",
                "Sus mercancías, las primeras en ser examinadas",
                "Cuando un envío es seleccionado para examen, pasa al principio de la cola; puede pedir que el "
                    + "examen se haga en sus propias instalaciones."
            ),
            Benefit(
                "Customs",
                "SimplifiedProcedures",
                ["Importer", "Exporter", "CustomsBroker"],
                ["Import", "Export"],
                "Procedure",
                "Monthly periodic declarations",
                "Release on a simplified entry and one supplementary declaration a month, with duties paid "
                    + "monthly. Ask your account manager to set it up.",
                "Declaraciones periódicas mensuales",
                "Levante con una declaración simplificada y una declaración complementaria al mes, con los "
                    + "derechos pagados mensualmente. Pida a su gestor de cuenta que lo ponga en marcha."
            ),
            Benefit(
                "Customs",
                "AccountManager",
                [],
                ["Import", "Export", "Transit", "Application"],
                "Procedure",
                "One named account manager",
                "A customs officer who knows your company answers your questions about the application, your "
                    + "certificate and your declarations.",
                "Un gestor de cuenta con nombre",
                "Un funcionario de aduanas que conoce su empresa responde a sus preguntas sobre la solicitud, su "
                    + "certificado y sus declaraciones."
            ),
            Benefit(
                "Customs",
                "BusinessContinuity",
                [],
                ["Import", "Export", "Transit"],
                "Procedure",
                "Cleared first after a disruption",
                "After a typhoon, a port closure or a system outage, AEO consignments are cleared first when operations resume.",
                "Despacho prioritario tras una interrupción",
                "Tras un tifón, el cierre de un puerto o una caída del sistema, los envíos de los OEA se despachan "
                    + "primero cuando se reanuda la actividad."
            ),
            Benefit(
                "Customs",
                "ReducedGuaranteesFees",
                ["Importer", "CustomsBroker"],
                ["Import", "Transit"],
                "Procedure",
                "Half the guarantee for deferred duties and transit",
                "The guarantee for deferred payment and for goods in transit is halved for AEOs; ask for the "
                    + "reduction when you renew the guarantee.",
                "La mitad de la garantía para el pago diferido y el tránsito",
                "La garantía para el pago diferido de derechos y para las mercancías en tránsito se reduce a la "
                    + "mitad para los OEA; solicite la reducción al renovar la garantía."
            ),
            Benefit(
                "Sme",
                "Priority",
                [],
                ["Application"],
                "ExpeditedClock",
                $"A decision within {smeDays} business days",
                $"On the SME track the programme decides within {smeDays} business days of a complete application, "
                    + "instead of the standard limit; OpenAeo's clock counts them and shows the due date.",
                $"Una decisión en {smeDays} días hábiles",
                $"En la vía pyme el programa resuelve en {smeDays} días hábiles desde la solicitud completa, en "
                    + "lugar del plazo normal; el reloj de OpenAeo los cuenta y muestra la fecha límite."
            ),
            Benefit(
                "Sme",
                "ReducedGuaranteesFees",
                [],
                ["Application"],
                "Procedure",
                "No fee for the validation visit",
                "Small and medium enterprises pay nothing for the validation visit, at their premises or by video.",
                "Sin tasa por la visita de validación",
                "Las pequeñas y medianas empresas no pagan nada por la visita de validación, en sus instalaciones o por vídeo."
            ),
            Benefit(
                "Sme",
                "Training",
                [],
                ["Application"],
                "Procedure",
                "Free preparation workshops",
                "Half-day workshops each quarter, with a trade association, on the criteria and the evidence a "
                    + "small company can show. Ask for a place in a prior consultation.",
                "Talleres de preparación gratuitos",
                "Talleres de media jornada cada trimestre, con una asociación empresarial, sobre los criterios y "
                    + "las pruebas que puede presentar una pequeña empresa. Pida una plaza en una consulta previa."
            ),
        ];
}
