using OpenAeo.Registry.Pages;

namespace OpenAeo.Certification.Pages;

/// <summary>The base of the certification pages' forms (see <see cref="ActorForm"/>).</summary>
public abstract class CertificationForm : ActorForm;
