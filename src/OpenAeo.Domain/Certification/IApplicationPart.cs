namespace OpenAeo.Domain.Certification;

/// <summary>
/// Something that belongs to one application (an answer, a document, an information request, a visit, an improvement
/// action): it is reached through its application, whose access rules it shares, never on its own.
/// </summary>
public interface IApplicationPart
{
    int Id { get; }

    int ApplicationId { get; }
}
