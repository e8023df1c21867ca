using OpenAeo.Domain.Certification;

namespace OpenAeo.Domain.Tests.Certification;

/// <summary>Issue 12: a notice of intent and a rejection rest on the programme's codes and explain themselves in words.</summary>
public class A_rejection_rests_on_the_programme_s_codes_and_words
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string> { "SOLVENCY", "RECORDS", "SECURITY" };

    [Fact]
    public void Codes_are_trimmed_upper_cased_and_counted_once()
    {
        var grounds = RejectionGrounds.ForRejection([" solvency", "SOLVENCY ", "Records"], Known, "  The records do not allow audit.  ");

        grounds.IsOk.ShouldBeTrue();
        grounds.Value!.Codes.ShouldBe(["SOLVENCY", "RECORDS"]);
        grounds.Value.Text.ShouldBe("The records do not allow audit.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("SOLVENCY|UNKNOWN")]
    [InlineData(" ")]
    public void No_code_or_an_unknown_one_is_refused_naming_the_valid_codes_in_order(string reasons)
    {
        var grounds = RejectionGrounds.ForNotice(reasons.Split('|', StringSplitOptions.RemoveEmptyEntries), Known, "Reasons in words.");

        var error = grounds.Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(RejectionGrounds.ReasonsCode);
        error.Field.ShouldBe("reasons");
        error.Message.ShouldBe("A rejection gives one or more of the programme's reason codes: RECORDS, SECURITY, SOLVENCY.");
    }

    [Fact]
    public void A_retired_code_is_unknown()
    {
        RejectionGrounds
            .Codes(["SOLVENCY"], new HashSet<string> { "RECORDS" })
            .Errors.ShouldHaveSingleItem()
            .Code.ShouldBe(RejectionGrounds.ReasonsCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n ")]
    public void A_notice_and_a_rejection_without_words_are_refused_each_with_its_own_code(string? text)
    {
        RejectionGrounds
            .ForNotice(["RECORDS"], Known, text)
            .Errors.ShouldHaveSingleItem()
            .ShouldBe(
                new Domain.Shared.DomainError(
                    RejectionGrounds.NoticeTextCode,
                    "A notice of intent states its reasons to the applicant in words too.",
                    "text"
                )
            );
        RejectionGrounds
            .ForRejection(["RECORDS"], Known, text)
            .Errors.ShouldHaveSingleItem()
            .ShouldBe(
                new Domain.Shared.DomainError(
                    RejectionGrounds.RejectionTextCode,
                    "A rejection explains itself to the applicant in words too.",
                    "text"
                )
            );
    }

    [Fact]
    public void Unknown_codes_are_reported_before_missing_words()
    {
        RejectionGrounds.ForRejection(["NOPE"], Known, null).Errors.ShouldHaveSingleItem().Code.ShouldBe(RejectionGrounds.ReasonsCode);
    }

    [Fact]
    public void The_letter_says_the_response_was_considered_on_the_local_day_it_came()
    {
        var letter = RejectionGrounds.Letter(
            "Solvency is not shown.",
            new DateOnly(2026, 3, 2),
            new DateOnly(2026, 4, 1),
            new DateOnly(2026, 3, 20)
        );

        letter.ShouldBe(
            "Solvency is not shown.\n\nThe response to the notice of intent of 2026-03-02, received on 2026-03-20, was considered."
        );
    }

    [Fact]
    public void The_letter_says_no_response_came_by_the_end_of_the_period()
    {
        var letter = RejectionGrounds.Letter("Solvency is not shown.", new DateOnly(2026, 3, 2), new DateOnly(2026, 4, 1), null);

        letter.ShouldBe("Solvency is not shown.\n\nNo response to the notice of intent of 2026-03-02 was received by 2026-04-01.");
    }
}

/// <summary>Issue 12: certificate numbers count per programme and the local year of the grant.</summary>
public class Certificate_numbers_count_per_programme_and_year
{
    private static readonly DateOnly InTwentySix = new(2026, 12, 31);

    [Fact]
    public void The_first_number_of_a_year_is_one()
    {
        CertificateNumbers.Next("TW", InTwentySix, []).ShouldBe("TW-AEO-2026-000001");
    }

    [Fact]
    public void The_next_number_follows_the_highest_not_the_count()
    {
        CertificateNumbers
            .Next("TW", InTwentySix, ["TW-AEO-2026-000002", "TW-AEO-2026-000041", "TW-AEO-2026-000007"])
            .ShouldBe("TW-AEO-2026-000042");
    }

    [Fact]
    public void Other_years_other_programmes_and_typed_numbers_do_not_move_the_count()
    {
        CertificateNumbers
            .Next(
                "TW",
                InTwentySix,
                ["TW-AEO-2025-000090", "NZ-AEO-2026-000050", "TW-AEO-2026-SPECIAL", "TW-AEO-2026-000003", "TW-AEO-2026--00009"]
            )
            .ShouldBe("TW-AEO-2026-000004");
    }

    [Fact]
    public void The_year_is_that_of_the_local_day_passed_in()
    {
        // While UTC is still on 31 December, Auckland is already on 1 January: the caller passes the local day, and its year counts.
        CertificateNumbers.Next("NZ", new DateOnly(2027, 1, 1), ["NZ-AEO-2026-000009"]).ShouldBe("NZ-AEO-2027-000001");
        CertificateNumbers.Prefix("NZ", new DateOnly(2027, 1, 1)).ShouldBe("NZ-AEO-2027-");
    }
}
