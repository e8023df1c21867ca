using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Tests.Registry;

/// <summary>
/// The permission table pinned role by role: each row is what the app enforced before the table existed (the policies in
/// Registry, Clearance and TimeRelease, the application's customs side, the declaration's internals, the survey
/// managers), so moving to the table changed no one's access. Changing a row is a decision: change it here too, and in
/// AccessMatrix.md.
/// </summary>
public class The_permission_table
{
    private static readonly (Permission Permission, Role[] Roles)[] Pinned =
    [
        (
            Permission.SignIn,
            [Role.Admin, Role.ProgrammeOfficer, Role.AccountManager, Role.BorderOfficer, Role.OgaOfficer, Role.Analyst, Role.Trader]
        ),
        (
            Permission.ReadOperators,
            [Role.Admin, Role.ProgrammeOfficer, Role.AccountManager, Role.BorderOfficer, Role.OgaOfficer, Role.Analyst]
        ),
        (Permission.EditOperators, [Role.Admin, Role.ProgrammeOfficer, Role.AccountManager]),
        (Permission.EditReferenceData, [Role.Admin, Role.ProgrammeOfficer]),
        (Permission.DecideApplications, [Role.Admin, Role.ProgrammeOfficer, Role.AccountManager]),
        (Permission.LodgeDeclarations, [Role.Admin, Role.BorderOfficer, Role.Trader]),
        (Permission.ReadDeclarations, [Role.Admin, Role.BorderOfficer, Role.OgaOfficer, Role.Analyst, Role.Trader]),
        (Permission.SeeDeclarationInternals, [Role.Admin, Role.BorderOfficer, Role.Analyst]),
        (Permission.WorkBorderQueue, [Role.Admin, Role.BorderOfficer]),
        (Permission.ReadRiskRules, [Role.Admin, Role.BorderOfficer, Role.Analyst]),
        (Permission.EditRiskRules, [Role.Admin, Role.BorderOfficer]),
        (Permission.DecideAgencyCases, [Role.Admin, Role.OgaOfficer]),
        (Permission.RunStudies, [Role.Admin, Role.ProgrammeOfficer, Role.Analyst]),
        (
            Permission.ManageSurveys,
            [Role.Admin, Role.ProgrammeOfficer, Role.AccountManager, Role.BorderOfficer, Role.OgaOfficer, Role.Analyst]
        ),
        (Permission.Administer, [Role.Admin]),
        (Permission.ActForOwnOperator, [Role.Trader]),
    ];

    public static TheoryData<Permission, Role[]> Rows()
    {
        var rows = new TheoryData<Permission, Role[]>();
        foreach (var (permission, roles) in Pinned)
        {
            rows.Add(permission, roles);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Allows_each_permission_to_the_roles_it_always_had(Permission permission, Role[] roles)
    {
        Permissions.RolesFor(permission).ShouldBe(roles);
        foreach (var role in Enum.GetValues<Role>())
        {
            Permissions.Allows(role, permission).ShouldBe(roles.Contains(role), $"{role} / {permission}");
        }
    }

    [Fact]
    public void Has_a_row_for_every_permission_and_the_pinned_rows_cover_them_all()
    {
        Pinned.Select(r => r.Permission).Order().ShouldBe(Enum.GetValues<Permission>());
        Enum.GetValues<Permission>().ShouldAllBe(p => Permissions.RolesFor(p).Count > 0);
    }

    [Fact]
    public void A_partner_machine_is_allowed_nothing_here_it_has_only_the_exchange()
    {
        Permissions.Of(Role.Partner).ShouldBeEmpty();
    }

    [Fact]
    public void A_trader_may_sign_in_lodge_and_read_declarations_act_for_its_own_operator_and_nothing_else()
    {
        Permissions
            .Of(Role.Trader)
            .ShouldBe([Permission.SignIn, Permission.LodgeDeclarations, Permission.ReadDeclarations, Permission.ActForOwnOperator]);
    }

    [Fact]
    public void The_registry_role_sets_are_the_table_rows()
    {
        RegistryPermissions.Officers.ShouldBe(Permissions.RolesFor(Permission.ReadOperators));
        RegistryPermissions.People.ShouldBe(Permissions.RolesFor(Permission.SignIn));
        RegistryPermissions.ReferenceDataEditors.ShouldBe(Permissions.RolesFor(Permission.EditReferenceData));
        RegistryPermissions.OperatorEditors.ShouldBe(Permissions.RolesFor(Permission.EditOperators));
    }
}
