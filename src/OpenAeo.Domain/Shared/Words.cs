namespace OpenAeo.Domain.Shared;

/// <summary>Names from code as words for people.</summary>
public static class Words
{
    /// <summary><c>CustomsBroker</c> becomes "Customs broker", <c>InformationRequested</c> "Information requested".</summary>
    public static string FromPascalCase(string pascal)
    {
        var builder = new System.Text.StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (i > 0 && char.IsUpper(c))
            {
                builder.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
