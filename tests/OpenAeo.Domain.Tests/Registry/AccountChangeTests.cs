using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.Registry;

public class Administrators_change_accounts
{
    private static UserAccount Account(string name = "clerk", Role role = Role.Analyst)
    {
        var account = Succeeded(UserAccount.Create(name, null, role, null, null, Now));
        account.SetPasswordHash("old-password-hash");
        return account;
    }

    [Fact]
    public void Disabling_ends_the_sessions_and_enabling_lets_the_account_back_in_without_reviving_old_sessions()
    {
        var account = Account();
        var before = account.SessionVersion;

        Succeeded(account.Apply(AccountChange.Disable, new("root", 2))).ShouldBe("user.disabled");
        account.Disabled.ShouldBeTrue();
        account.SessionVersion.ShouldBe(before + 1);

        Succeeded(account.Apply(AccountChange.Enable, new("root", 2))).ShouldBe("user.enabled");
        account.Disabled.ShouldBeFalse();
        account.SessionVersion.ShouldBe(before + 1);
    }

    [Fact]
    public void Disabling_twice_or_enabling_an_enabled_account_is_a_conflict()
    {
        var account = Account();

        SingleError(account.Apply(AccountChange.Enable, new("root", 2))).Code.ShouldBe("user.transition");
        Succeeded(account.Apply(AccountChange.Disable, new("root", 2)));
        SingleError(account.Apply(AccountChange.Disable, new("root", 2))).Code.ShouldBe("user.transition");
    }

    [Fact]
    public void An_administrator_cannot_disable_itself()
    {
        var account = Account("root", Role.Admin);

        var error = SingleError(account.Apply(AccountChange.Disable, new("root", 3)));

        error.Message.ShouldContain("your own account");
        account.Disabled.ShouldBeFalse();
    }

    [Fact]
    public void The_last_enabled_administrator_cannot_be_disabled_but_one_of_two_can()
    {
        SingleError(Account("root", Role.Admin).Apply(AccountChange.Disable, new("cli:ops", 1)))
            .Message.ShouldContain("last enabled administrator");
        Succeeded(Account("root", Role.Admin).Apply(AccountChange.Disable, new("cli:ops", 2)));
    }

    [Fact]
    public void A_password_reset_stores_the_new_hash_and_ends_the_sessions()
    {
        var account = Account();
        var before = account.SessionVersion;

        Succeeded(account.Apply(AccountChange.ResetPassword, new("root", 1, PasswordHash: "new-hash"))).ShouldBe("user.password-reset");

        account.PasswordHash.ShouldBe("new-hash");
        account.SessionVersion.ShouldBe(before + 1);
        SingleError(account.Apply(AccountChange.ResetPassword, new("root", 1))).Field.ShouldBe("password");
    }

    [Fact]
    public void Issuing_a_key_to_an_account_that_has_one_is_a_rotation_and_replaces_it()
    {
        var account = Account();

        Succeeded(account.Apply(AccountChange.IssueApiKey, new("root", 1, ApiKeyHash: "first"))).ShouldBe("user.api-key-issued");
        Succeeded(account.Apply(AccountChange.IssueApiKey, new("root", 1, ApiKeyHash: "second"))).ShouldBe("user.api-key-rotated");

        account.ApiKeyHash.ShouldBe("second");
    }

    [Fact]
    public void Revoking_removes_the_key_and_revoking_nothing_is_a_conflict()
    {
        var account = Account();
        account.SetApiKeyHash("key");
        var sessions = account.SessionVersion;

        Succeeded(account.Apply(AccountChange.RevokeApiKey, new("root", 1))).ShouldBe("user.api-key-revoked");

        account.ApiKeyHash.ShouldBeNull();
        account.SessionVersion.ShouldBe(sessions);
        SingleError(account.Apply(AccountChange.RevokeApiKey, new("root", 1))).Code.ShouldBe("user.transition");
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(200, true)]
    [InlineData(201, false)]
    public void A_password_has_10_to_200_characters(int length, bool ok)
    {
        (UserAccount.CheckPassword(new string('x', length)) is null).ShouldBe(ok);
    }
}
