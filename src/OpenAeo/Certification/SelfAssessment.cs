using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Certification;

/// <summary>
/// What the self-assessment use cases share (<see cref="SaveAnswer"/>, <see cref="UploadEvidence"/>,
/// <see cref="DownloadEvidence"/>). The applicant's self-assessment is editable while the applicant holds the file
/// (draft, consultation, information requested, and a pause from those); a paused application keeps every answer and
/// document.
/// </summary>
internal static class SelfAssessment
{
    public static bool Editable(AeoApplication a) =>
        a.State is ApplicationState.Draft or ApplicationState.PriorConsultation or ApplicationState.InformationRequested
        || (
            a.State == ApplicationState.Paused
            && a.ResumeTo is ApplicationState.Draft or ApplicationState.PriorConsultation or ApplicationState.InformationRequested
        );

    /// <summary>The applicant and the certification side open evidence; read-only officers do not.</summary>
    public static bool MayOpenEvidence(Actor actor, Tin applicant) => ApplicationContext.SideOf(actor, applicant) is not null;
}
