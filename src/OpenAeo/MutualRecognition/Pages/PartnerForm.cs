namespace OpenAeo.MutualRecognition.Pages;

/// <summary>The partner form of the partners pages; the same <see cref="PartnerRequest"/> the API takes.</summary>
internal sealed class PartnerForm
{
    public string? Economy { get; set; }

    public string? Url { get; set; }

    public string? PublicKey { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>Empty for the registry's MRA between the two economies, an MRA id, or <c>sharing</c>.</summary>
    public string? Agreement { get; set; }

    public string? Reason { get; set; }

    public PartnerRequest ToRequest() => new(Economy, Url, PublicKey, ApiKey, Agreement, Reason);
}

internal sealed class RetireForm
{
    public string? Reason { get; set; }
}
