namespace OpenAeo.Platform.Files;

/// <summary>
/// Folders and files that hold the node's data (the SQLite database, study inputs, the node key) are created readable
/// by the account that runs OpenAeo only: 0700 and 0600 on Unix, before anything is written, so nothing is ever
/// readable by others, even briefly. Existing files and folders keep the permissions their owner gave them. On
/// Windows the defaults (the user's profile or the folder's ACL) apply.
/// </summary>
internal static class OwnerOnly
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder, and any missing parent, owner-only; an existing folder is left as it is.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        // .NET applies the mode to the last folder only; missing parents are made one by one so each is owner-only.
        var missing = new Stack<string>();
        for (var folder = Path.GetFullPath(path); folder is not null && !Directory.Exists(folder); folder = Path.GetDirectoryName(folder))
        {
            missing.Push(folder);
        }

        foreach (var folder in missing)
        {
            Directory.CreateDirectory(folder, FolderMode);
        }
    }

    /// <summary>A new file open for writing, created owner-only (fails if it exists).</summary>
    public static FileStream CreateFile(string path, bool useAsync = false)
    {
        var options = new FileStreamOptions
        {
            Mode = System.IO.FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 1 << 16,
            Options = useAsync ? FileOptions.Asynchronous : FileOptions.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return new FileStream(path, options);
    }

    /// <summary>
    /// Creates an empty owner-only file unless one exists (another process may create it at the same moment; then
    /// its file stands). For files that a library opens and creates itself, such as SQLite's database, which then
    /// gives its journal and WAL files the database file's permissions.
    /// </summary>
    public static void EnsureFile(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        try
        {
            using var created = CreateFile(path);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created by someone else in between: theirs is kept.
        }
    }
}
