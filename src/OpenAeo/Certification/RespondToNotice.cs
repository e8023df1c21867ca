using OpenAeo.Domain.Certification;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <param name="Text">The applicant's answer to the reasons.</param>
/// <param name="DocumentIds">Documents already uploaded to the application that support the answer.</param>
public sealed record NoticeResponseRequest(
    [Limit(nameof(Limits.Text))] string? Text,
    [Limit(nameof(Limits.Documents))] IReadOnlyList<int>? DocumentIds
);

/// <summary>The applicant's response to a notice of intent to reject, within the response period; a later one replaces the
/// earlier.</summary>
internal static class RespondToNotice
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/applications/{id:int}/notice-of-intent/response", Execute).AnswersOk<ApplicationResponse>().WithIdempotency();

    [Authorize(Policies.SignedIn)]
    [EndpointSummary("Respond to a notice of intent to reject (text and documents).")]
    public static Task<Result<ApplicationResponse>> Execute(
        int id,
        NoticeResponseRequest request,
        Actor actor,
        OpenAeoDb db,
        TimeProvider clock,
        CancellationToken ct
    ) => RequestLimits.Within(request, () => ApplicationContext.Run(
                db,
                id,
                actor,
                clock,
                async c =>
                {
                    var documents = (request.DocumentIds ?? []).Distinct().ToList();
                    var own = await db.Documents()
                        .Where(d => d.ApplicationId == id && documents.Contains(d.Id))
                        .Select(d => d.Id)
                        .ToListAsync(ct);
                    if (documents.Except(own).ToList() is [var unknown, ..])
                    {
                        return new DomainError(
                            "notice.documents",
                            $"Document {unknown} is not a document of this application; upload it first.",
                            "documentIds"
                        );
                    }

                    if (string.IsNullOrWhiteSpace(request.Text))
                    {
                        return new DomainError(
                            "application.reason",
                            "A response says something: what the applicant answers to the reasons.",
                            "text"
                        );
                    }

                    var moved = await c.Move(
                        db,
                        ApplicationAction.RespondToNotice,
                        request.Text.Trim(),
                        ct,
                        details: documents.Count == 0 ? null : $"documents {string.Join(",", documents)}"
                    );
                    if (!moved.IsOk)
                    {
                        return moved.Errors[0];
                    }

                    var a = c.Application;
                    a.RecordResponse(request.Text.Trim(), documents, c.Now);
                    return null;
                },
                ct
            ));
}
