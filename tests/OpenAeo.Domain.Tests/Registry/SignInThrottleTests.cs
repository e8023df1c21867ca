using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.Registry;

public class Sign_in_lockout
{
    private static readonly ThrottlePolicy Policy = new(5, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15));

    private static List<DateTimeOffset> Failures(params double[] minutes) => [.. minutes.Select(m => Now.AddMinutes(m))];

    [Fact]
    public void Four_failures_leave_the_door_open_and_the_fifth_locks_it_for_the_lockout_from_that_failure()
    {
        var four = Failures(0, 1, 2, 3);

        SignInThrottle.LockedUntil(four, Policy, Now.AddMinutes(3)).ShouldBeNull();
        SignInThrottle.FailureLocks(four, Policy, Now.AddMinutes(4)).ShouldBeTrue();
        SignInThrottle.LockedUntil(Failures(0, 1, 2, 3, 4), Policy, Now.AddMinutes(4)).ShouldBe(Now.AddMinutes(19));
    }

    [Fact]
    public void The_lockout_ends_exactly_at_its_end_and_not_a_tick_earlier()
    {
        var failures = Failures(0, 1, 2, 3, 4);
        var end = Now.AddMinutes(19);

        SignInThrottle.LockedUntil(failures, Policy, end.AddTicks(-1)).ShouldBe(end);
        SignInThrottle.LockedUntil(failures, Policy, end).ShouldBeNull();
    }

    [Fact]
    public void A_failure_a_whole_window_older_than_the_newest_no_longer_counts()
    {
        // The first failure is exactly 15 minutes before the fifth: only four are within the window.
        SignInThrottle.LockedUntil(Failures(0, 5, 10, 14, 15), Policy, Now.AddMinutes(15)).ShouldBeNull();

        // One tick less, and all five count.
        var failures = Failures(5, 10, 14, 15).Prepend(Now.AddMinutes(15) - Policy.Window + TimeSpan.FromTicks(1));
        SignInThrottle.LockedUntil(failures, Policy, Now.AddMinutes(15)).ShouldBe(Now.AddMinutes(30));
    }

    [Fact]
    public void The_window_slides_instead_of_restarting_so_bursts_across_a_boundary_are_caught()
    {
        // A window restarted at 16 would hold only four failures at 19; the sliding one holds 10, 16, 17, 18 and 19.
        SignInThrottle.LockedUntil(Failures(0, 10, 16, 17, 18), Policy, Now.AddMinutes(18)).ShouldBeNull();
        SignInThrottle.LockedUntil(Failures(0, 10, 16, 17, 18, 19), Policy, Now.AddMinutes(19)).ShouldBe(Now.AddMinutes(34));
    }

    [Fact]
    public void Failures_that_caused_a_lockout_are_spent_so_one_mistake_after_it_does_not_lock_again()
    {
        var shortLockout = Policy with { Lockout = TimeSpan.FromMinutes(5) };
        var failures = Failures(0, 1, 2, 3, 4);

        SignInThrottle.LockedUntil(failures, shortLockout, Now.AddMinutes(9)).ShouldBeNull();
        SignInThrottle.FailureLocks(failures, shortLockout, Now.AddMinutes(9)).ShouldBeFalse();
        SignInThrottle
            .LockedUntil(failures.Concat(Failures(9, 9.1, 9.2, 9.3, 9.4)), shortLockout, Now.AddMinutes(9.4))
            .ShouldBe(Now.AddMinutes(14.4));
    }

    [Fact]
    public void Failures_recorded_while_locked_neither_count_nor_extend_the_lockout()
    {
        // Another node stamped two failures inside the lockout; the lockout still ends at 19 and nothing is counted after it.
        var failures = Failures(0, 1, 2, 3, 4, 5, 6);

        SignInThrottle.LockedUntil(failures, Policy, Now.AddMinutes(18)).ShouldBe(Now.AddMinutes(19));
        SignInThrottle.LockedUntil(failures.Concat(Failures(19, 20, 21)), Policy, Now.AddMinutes(21)).ShouldBeNull();
    }

    [Fact]
    public void Failures_in_any_order_give_the_same_answer()
    {
        var ordered = Failures(0, 1, 2, 3, 4);
        var shuffled = Failures(3, 0, 4, 2, 1);

        SignInThrottle
            .LockedUntil(shuffled, Policy, Now.AddMinutes(5))
            .ShouldBe(SignInThrottle.LockedUntil(ordered, Policy, Now.AddMinutes(5)));
    }

    [Fact]
    public void The_gate_names_the_door_that_is_locked_longest()
    {
        var accountLocked = Failures(0, 1, 2, 3, 4);
        var addressPolicy = new ThrottlePolicy(3, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60));
        var addressLocked = Failures(2, 3, 4);

        SignInGate.Decide([], Policy, [], addressPolicy, Now.AddMinutes(5)).ShouldBeOfType<SignInGate.Open>();
        SignInGate
            .Decide(accountLocked, Policy, [], addressPolicy, Now.AddMinutes(5))
            .ShouldBe(new SignInGate.Locked(ThrottleScope.Account, Now.AddMinutes(19)));
        SignInGate
            .Decide([], Policy, addressLocked, addressPolicy, Now.AddMinutes(5))
            .ShouldBe(new SignInGate.Locked(ThrottleScope.Address, Now.AddMinutes(64)));
        SignInGate
            .Decide(accountLocked, Policy, addressLocked, addressPolicy, Now.AddMinutes(5))
            .ShouldBe(new SignInGate.Locked(ThrottleScope.Address, Now.AddMinutes(64)));
    }

    [Fact]
    public void Future_failures_are_not_read_at_an_earlier_now()
    {
        SignInThrottle.LockedUntil(Failures(0, 1, 2, 3, 4), Policy, Now.AddMinutes(3)).ShouldBeNull();
    }

    [Fact]
    public void A_policy_without_failures_or_time_is_refused()
    {
        new ThrottlePolicy(0, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)).Check("SignIn:Account").ShouldNotBeEmpty();
        new ThrottlePolicy(1, TimeSpan.Zero, TimeSpan.FromMinutes(1)).Check("SignIn:Account").ShouldNotBeEmpty();
        ThrottlePolicy.AccountDefault.Check("SignIn:Account").ShouldBeEmpty();
        ThrottlePolicy.AddressDefault.MaxFailures.ShouldBeGreaterThan(ThrottlePolicy.AccountDefault.MaxFailures);
    }
}
