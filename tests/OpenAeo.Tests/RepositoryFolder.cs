namespace OpenAeo.Tests;

/// <summary>The repository the tests run from: tests that read the README, the resources or the tools start here.</summary>
internal static class RepositoryFolder
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "OpenAeo.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("OpenAeo.slnx not found above the test binaries.");
    }
}
