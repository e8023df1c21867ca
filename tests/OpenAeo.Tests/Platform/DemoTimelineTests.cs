using OpenAeo.Platform.Cli;

namespace OpenAeo.Tests.Platform;

/// <summary>The timeline that tells the demo's story: scripts written as sequential code, run together in time order.</summary>
public class The_demo_timeline
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Runs_the_steps_of_all_scripts_in_time_order_with_the_clock_at_each_step_and_nothing_after_the_end()
    {
        var clock = new DemoClock(Start);
        var seen = new List<(string Step, DateTimeOffset At)>();
        var timeline = new DemoTimeline(clock);
        async Task Script(DemoTimeline t, string name, params int[] hours)
        {
            foreach (var h in hours)
            {
                await t.At(Start.AddHours(h));
                await Task.Yield();
                seen.Add(($"{name}{h}", clock.GetUtcNow()));
            }
        }

        var turns = await timeline.RunAsync(
            [t => Script(t, "a", 1, 5, 9, 30), t => Script(t, "b", 2, 5, 6), t => Script(t, "c", 0, 48)],
            Start.AddHours(24)
        );

        seen.Select(s => s.Step).ShouldBe(["c0", "a1", "b2", "a5", "b5", "b6", "a9"]);
        foreach (var (step, at) in seen)
        {
            at.ShouldBe(Start.AddHours(int.Parse(step.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)), step);
        }

        turns.ShouldBe(7);
    }

    [Fact]
    public async Task A_script_may_decide_what_comes_next_from_what_happened_and_a_failing_one_stops_the_story()
    {
        var clock = new DemoClock(Start);
        var shared = 0;
        async Task Counter(DemoTimeline t)
        {
            for (var i = 1; i <= 3; i++)
            {
                await t.At(Start.AddHours(i));
                shared++;
            }
        }

        async Task Watcher(DemoTimeline t)
        {
            await t.At(Start.AddHours(2).AddMinutes(30));
            if (shared != 2)
            {
                throw new InvalidOperationException($"saw {shared}");
            }

            await t.At(Start.AddHours(3).AddMinutes(30));
            throw new InvalidOperationException("the story went wrong at 03:30");
        }

        var failing = await Should.ThrowAsync<InvalidOperationException>(() =>
            new DemoTimeline(clock).RunAsync([Counter, Watcher], Start.AddDays(1))
        );

        failing.Message.ShouldBe("the story went wrong at 03:30");
        shared.ShouldBe(3);
    }

    [Fact]
    public async Task A_moment_in_the_past_continues_at_the_current_time_in_turn()
    {
        var clock = new DemoClock(Start);
        var times = new List<DateTimeOffset>();
        async Task Script(DemoTimeline t)
        {
            await t.At(Start.AddHours(3));
            await t.At(Start.AddHours(1));
            times.Add(clock.GetUtcNow());
        }

        await new DemoTimeline(clock).RunAsync([Script], Start.AddHours(4));

        times.ShouldBe([Start.AddHours(3)]);
    }
}
