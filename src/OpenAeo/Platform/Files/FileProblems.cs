namespace OpenAeo.Platform.Files;

internal static class FileProblems
{
    /// <summary>A rejected file as problem details: the first error in <c>detail</c>, all of them in <c>errors</c>.</summary>
    public static ProblemHttpResult From(FileImportException e) =>
        TypedResults.Problem(
            title: "The file was not imported; nothing was written.",
            detail: e.Errors[0].ToString(),
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = e
                    .Errors.Select(x => new
                    {
                        file = x.File,
                        line = x.Line,
                        column = x.Column,
                        columnName = x.ColumnName,
                        message = x.Message,
                    })
                    .ToArray(),
            }
        );
}
