namespace OpenAeo.Domain.Shared;

/// <summary>Who reads a notification: one account, an operator's traders, or a programme's officers.</summary>
public static class Audience
{
    public static string ForUser(string name) => "user:" + name;

    public static string ForOperator(string tin) => "operator:" + tin;

    /// <summary>Every programme officer of the programme: the fallback when an application names nobody yet.</summary>
    public static string ForProgrammeOfficers(string programme) => "role:ProgrammeOfficer:" + programme;
}
