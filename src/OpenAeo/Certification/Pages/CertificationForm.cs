using Microsoft.AspNetCore.Components;
using OpenAeo.MutualRecognition;
using OpenAeo.Registry.Pages;

namespace OpenAeo.Certification.Pages;

/// <summary>The base of the certification pages' forms (see <see cref="ActorForm"/>), which also know the economy this node certifies
/// for.</summary>
public abstract class CertificationForm : ActorForm
{
    [Inject]
    internal NodeIdentity Node { get; set; } = default!;
}
