using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenAeo.TimeRelease;

internal enum StudyStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>
/// A study saved from the web page or the API: its definition as asked, the input's fingerprint (SHA-256) so it
/// can be re-run on the same data and compared, its progress while it runs, and its result in the spec's JSON.
/// </summary>
internal sealed class SavedStudy
{
    private SavedStudy() { }

    public long Id { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>The <see cref="StudyRequest"/> as JSON: what the user asked, re-validated on every run.</summary>
    public string Definition { get; private set; } = "";

    public bool Strict { get; private set; }

    /// <summary>The input's name as uploaded; the file lives in the inputs folder under its SHA-256.</summary>
    public string InputFile { get; private set; } = "";

    public string InputSha256 { get; private set; } = "";

    public long InputBytes { get; private set; }

    public string InputFormat { get; private set; } = "";

    public StudyStatus Status { get; private set; }

    /// <summary>What the runner is doing (for the page that refreshes while a study runs).</summary>
    public string? Step { get; private set; }

    public double? Percent { get; private set; }

    /// <summary>The result in the spec's JSON shape (<see cref="StudyJson"/>), once it succeeded.</summary>
    public string? Result { get; private set; }

    /// <summary>Why it failed: the errors as JSON lines of file, line, column and reason.</summary>
    public string? Errors { get; private set; }

    /// <summary>The study this one re-runs, so the two can be compared.</summary>
    public long? RerunOf { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public static SavedStudy Queue(
        string name,
        string definition,
        bool strict,
        StudyInputJson input,
        long? rerunOf,
        string createdBy,
        DateTimeOffset now
    ) =>
        new()
        {
            Name = name,
            Definition = definition,
            Strict = strict,
            InputFile = input.File,
            InputSha256 = input.Sha256!,
            InputBytes = input.Bytes,
            InputFormat = input.Format,
            Status = StudyStatus.Queued,
            RerunOf = rerunOf,
            CreatedBy = createdBy,
            CreatedAt = now,
        };

    public StudyInputJson Input => new(InputFile, InputFormat, InputBytes, InputSha256);

    public void Start(DateTimeOffset now)
    {
        Status = StudyStatus.Running;
        StartedAt = now;
        Step = "Starting";
        Percent = null;
    }

    public void Report(string step, double? percent)
    {
        Step = step;
        Percent = percent;
    }

    public void Succeed(string result, DateTimeOffset now)
    {
        Status = StudyStatus.Succeeded;
        Result = result;
        Errors = null;
        Step = null;
        Percent = 100;
        FinishedAt = now;
    }

    public void Fail(string errors, DateTimeOffset now)
    {
        Status = StudyStatus.Failed;
        Errors = errors;
        Step = null;
        Percent = null;
        FinishedAt = now;
    }

    /// <summary>A study the server stopped while it ran (a restart) goes back in the queue.</summary>
    public void Requeue()
    {
        Status = StudyStatus.Queued;
        Step = null;
        Percent = null;
        StartedAt = null;
    }
}

internal static class TimeReleasePersistence
{
    public static DbSet<SavedStudy> SavedStudies(this OpenAeoDb db) => db.Set<SavedStudy>();
}

internal sealed class SavedStudyMapping : IEntityTypeConfiguration<SavedStudy>
{
    public void Configure(EntityTypeBuilder<SavedStudy> b)
    {
        b.ToTable("trs_studies");
        b.HasKey(s => s.Id);
        b.Property(s => s.Name).HasMaxLength(Limits.Name.MaxLength);
        b.Property(s => s.Definition).HasMaxLength(4000);
        b.Property(s => s.InputFile).HasMaxLength(260);
        b.Property(s => s.InputSha256).HasMaxLength(Limits.Sha256.MaxLength);
        b.Property(s => s.InputFormat).HasMaxLength(20);
        b.Property(s => s.Step).HasMaxLength(300);
        b.Property(s => s.CreatedBy).HasMaxLength(100);

        // Results and error lists are documents read whole; unbounded text on both providers.
        b.Property(s => s.Result);
        b.Property(s => s.Errors);
        b.HasIndex(s => s.Status);
        b.HasIndex(s => s.InputSha256);
        b.Ignore(s => s.Input);
    }
}
