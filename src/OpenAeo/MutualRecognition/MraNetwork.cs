using System.Globalization;
using System.Net;
using System.Text;
using OpenAeo.Domain.MutualRecognition;

namespace OpenAeo.MutualRecognition;

/// <summary>
/// The network picture of the MRAs: parties on a circle, a solid line for an MRA signed or in force, a dashed line
/// for one under negotiation or at the action-plan stage. Drawn on the server as SVG, so it needs no script.
/// </summary>
internal static class MraNetwork
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints
            .MapGet("/charts/mra-network.svg", async (OpenAeoDb db, CancellationToken ct) =>
                Results.Text(Draw(await db.Mras().AsNoTracking().ToListAsync(ct)), "image/svg+xml")
            )
            .AllowAnonymous()
            .ExcludeFromDescription();

    public static string Draw(IReadOnlyList<Mra> mras)
    {
        const double Size = 640,
            Centre = Size / 2,
            Radius = 240;
        var nodes = mras.SelectMany(m => m.Parties).Distinct().Order(StringComparer.Ordinal).ToList();
        var position = nodes
            .Select((n, i) => (n, a: 2 * Math.PI * i / Math.Max(1, nodes.Count) - Math.PI / 2))
            .ToDictionary(x => x.n, x => (X: Centre + Radius * Math.Cos(x.a), Y: Centre + Radius * Math.Sin(x.a)));
        var svg = new StringBuilder();
        svg.Append(
            CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Size} {Size + 40}\" role=\"img\" aria-label=\"Network of MRAs\">"
        );
        svg.Append(
            "<style>.s{stroke:#1b6e3a;stroke-width:3}.n{stroke:#b36b00;stroke-width:2;stroke-dasharray:6 "
                + "5}.x{stroke:#999;stroke-width:1;stroke-dasharray:2 4}text{font:13px sans-serif}</style>"
        );
        foreach (var m in mras)
        {
            var css = m.Status switch
            {
                MraStatus.Signed or MraStatus.InForce => "s",
                MraStatus.UnderNegotiation or MraStatus.ActionPlan => "n",
                _ => "x",
            };
            // A plurilateral MRA of one bloc is a ring around its node.
            if (m.Parties.Count == 1)
            {
                var p = position[m.Parties[0]];
                svg.Append(
                    CultureInfo.InvariantCulture,
                    $"<circle cx=\"{p.X:0.#}\" cy=\"{p.Y:0.#}\" r=\"30\" fill=\"none\" class=\"{css}\"><title>"
                        + $"{Escape(m.Name)}: {m.Status}</title></circle>"
                );
                continue;
            }

            for (var i = 0; i < m.Parties.Count; i++)
            {
                for (var j = i + 1; j < m.Parties.Count; j++)
                {
                    var (a, b) = (position[m.Parties[i]], position[m.Parties[j]]);
                    svg.Append(
                        CultureInfo.InvariantCulture,
                        $"<line x1=\"{a.X:0.#}\" y1=\"{a.Y:0.#}\" x2=\"{b.X:0.#}\" y2=\"{b.Y:0.#}\" class=\"{css}"
                            + $"\"><title>{Escape(m.Name)}: {m.Status}</title></line>"
                    );
                }
            }
        }

        foreach (var (code, p) in position)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{p.X:0.#}\" cy=\"{p.Y:0.#}\" r=\"20\" fill=\"#fff\" stroke=\"#333\"/>");
            svg.Append(
                CultureInfo.InvariantCulture,
                $"<text x=\"{p.X:0.#}\" y=\"{p.Y + 4:0.#}\" text-anchor=\"middle\">"
                    + $"{Escape(code.Length > 4 ? code[..4] : code)}<title>{Escape(code)}</title></text>"
            );
        }

        svg.Append(
            CultureInfo.InvariantCulture,
            $"<line x1=\"20\" y1=\"{Size + 15}\" x2=\"60\" y2=\"{Size + 15}\" class=\"s\"/><text x=\"66\" y=\""
                + $"{Size + 19}\">signed or in force</text>"
        );
        svg.Append(
            CultureInfo.InvariantCulture,
            $"<line x1=\"220\" y1=\"{Size + 15}\" x2=\"260\" y2=\"{Size + 15}\" class=\"n\"/><text x=\"266\" y=\""
                + $"{Size + 19}\">under negotiation / action plan</text>"
        );
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
