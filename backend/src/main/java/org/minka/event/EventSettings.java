package org.minka.event;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Rules of an event. Every field has a sensible default, so clients may send only what differs. */
@Schema(name = "EventSettings")
public record EventSettings(
        @Min(1) @Max(50) @Schema(example = "1") Integer teamSizeMin,
        @Min(1) @Max(50) @Schema(example = "5") Integer teamSizeMax,
        @Schema(description = "Whether a citizen may belong to more than one team in the event")
                Boolean allowMultipleTeams,
        @Min(1)
                @Schema(
                        description = "Maximum teams per challenge; absent means no limit",
                        nullable = true)
                Integer maxTeamsPerChallenge,
        @Min(1) @Max(20) @Schema(description = "Challenges a team may enter", example = "1")
                Integer challengesPerTeam,
        @Size(min = 1, max = 30)
                List<@Pattern(regexp = "[a-z0-9]{1,10}") String> allowedArtifactTypes,
        @Min(1) @Max(10L * 1024 * 1024 * 1024) @Schema(example = "104857600") Long maxFileBytes,
        @Min(1) @Max(100L * 1024 * 1024 * 1024) @Schema(example = "1073741824") Long maxTeamBytes,
        @Min(0) @Max(1440) @Schema(description = "Minutes an upload may finish after the deadline")
                Integer gracePeriodMinutes,
        @Schema(description = "Whether the gallery is public once submission closes")
                Boolean galleryPublic,
        @Schema(
                        description =
                                "Whether judges read the comment threads on submissions (mentors' feedback); off by default")
                Boolean judgesSeeMentorThreads,
        @Valid VotingSettings voting,
        @Valid JudgingSettings judging,
        @Size(min = 1, max = 100)
                @Schema(
                        description =
                                "Regions a participant chooses from; Peru's departments by default")
                List<@Pattern(regexp = "\\S.{0,79}") String> regions) {

    /** Peru's 24 departments and the Constitutional Province of Callao. */
    public static final List<String> PERU_REGIONS =
            List.of(
                    "Amazonas",
                    "Áncash",
                    "Apurímac",
                    "Arequipa",
                    "Ayacucho",
                    "Cajamarca",
                    "Callao",
                    "Cusco",
                    "Huancavelica",
                    "Huánuco",
                    "Ica",
                    "Junín",
                    "La Libertad",
                    "Lambayeque",
                    "Lima",
                    "Loreto",
                    "Madre de Dios",
                    "Moquegua",
                    "Pasco",
                    "Piura",
                    "Puno",
                    "San Martín",
                    "Tacna",
                    "Tumbes",
                    "Ucayali");

    public static final EventSettings DEFAULTS =
            new EventSettings(
                    1,
                    5,
                    false,
                    null,
                    1,
                    List.of("ipynb", "csv", "pdf", "zip", "md", "png", "jpg"),
                    100L * 1024 * 1024,
                    1024L * 1024 * 1024,
                    0,
                    true,
                    false,
                    VotingSettings.DEFAULTS,
                    JudgingSettings.DEFAULTS,
                    PERU_REGIONS);

    /** Fills absent values from another settings object (normally the defaults). */
    EventSettings withDefaultsFrom(EventSettings base) {
        return new EventSettings(
                teamSizeMin != null ? teamSizeMin : base.teamSizeMin,
                teamSizeMax != null ? teamSizeMax : base.teamSizeMax,
                allowMultipleTeams != null ? allowMultipleTeams : base.allowMultipleTeams,
                maxTeamsPerChallenge != null ? maxTeamsPerChallenge : base.maxTeamsPerChallenge,
                challengesPerTeam != null ? challengesPerTeam : base.challengesPerTeam,
                allowedArtifactTypes != null ? allowedArtifactTypes : base.allowedArtifactTypes,
                maxFileBytes != null ? maxFileBytes : base.maxFileBytes,
                maxTeamBytes != null ? maxTeamBytes : base.maxTeamBytes,
                gracePeriodMinutes != null ? gracePeriodMinutes : base.gracePeriodMinutes,
                galleryPublic != null ? galleryPublic : base.galleryPublic,
                judgesSeeMentorThreads != null
                        ? judgesSeeMentorThreads
                        : base.judgesSeeMentorThreads,
                voting != null ? voting.withDefaultsFrom(base.voting) : base.voting,
                judging != null ? judging.withDefaultsFrom(base.judging) : base.judging,
                regions != null ? regions : base.regions);
    }

    @AssertTrue(message = "{minka.settings.team-size}")
    @Schema(hidden = true)
    boolean isTeamSizeOrdered() {
        return teamSizeMin == null || teamSizeMax == null || teamSizeMin <= teamSizeMax;
    }

    @AssertTrue(message = "{minka.settings.file-limits}")
    @Schema(hidden = true)
    boolean isFileLimitOrdered() {
        return maxFileBytes == null || maxTeamBytes == null || maxFileBytes <= maxTeamBytes;
    }

    /** How the public votes. */
    @Schema(name = "VotingSettings")
    public record VotingSettings(
            @Schema(example = "PER_CHALLENGE") VotingScope scope,
            @Min(1) @Max(100) @Schema(example = "1") Integer votesPerVoter,
            Boolean selfVotingAllowed,
            Boolean requireVerifiedEmail,
            @Schema(description = "Tallies visible live, or only after voting closes")
                    Boolean liveTallies,
            @Schema(
                            description =
                                    "Which submissions the public may vote for: every counted one, or only the finalists once judging has named them",
                            example = "ALL")
                    VotingPool pool,
            @Min(0)
                    @Max(365)
                    @Schema(
                            description =
                                    "Days a voter's account must exist before VOTING opens; 0 is off",
                            example = "0")
                    Integer minAccountAgeDays) {

        static final VotingSettings DEFAULTS =
                new VotingSettings(
                        VotingScope.PER_CHALLENGE, 1, false, true, false, VotingPool.ALL, 0);

        VotingSettings withDefaultsFrom(VotingSettings base) {
            return new VotingSettings(
                    scope != null ? scope : base.scope,
                    votesPerVoter != null ? votesPerVoter : base.votesPerVoter,
                    selfVotingAllowed != null ? selfVotingAllowed : base.selfVotingAllowed,
                    requireVerifiedEmail != null ? requireVerifiedEmail : base.requireVerifiedEmail,
                    liveTallies != null ? liveTallies : base.liveTallies,
                    pool != null ? pool : base.pool,
                    minAccountAgeDays != null ? minAccountAgeDays : base.minAccountAgeDays);
        }
    }

    /** Which submissions the public may vote for. */
    public enum VotingPool {
        ALL,
        FINALISTS
    }

    /** How judges decide. */
    @Schema(name = "JudgingSettings")
    public record JudgingSettings(
            @Schema(example = "RUBRIC") JudgingMode mode,
            @Min(1) @Max(20) @Schema(example = "3") Integer judgesPerSubmission,
            @Min(1) @Max(50) @Schema(example = "3") Integer finalistsPerChallenge) {

        static final JudgingSettings DEFAULTS = new JudgingSettings(JudgingMode.RUBRIC, 3, 3);

        JudgingSettings withDefaultsFrom(JudgingSettings base) {
            return new JudgingSettings(
                    mode != null ? mode : base.mode,
                    judgesPerSubmission != null ? judgesPerSubmission : base.judgesPerSubmission,
                    finalistsPerChallenge != null
                            ? finalistsPerChallenge
                            : base.finalistsPerChallenge);
        }
    }

    /** Whether vote caps count per challenge or per event. */
    public enum VotingScope {
        PER_CHALLENGE,
        PER_EVENT
    }

    /** Rubric scoring with normalisation, or pairwise comparisons. */
    public enum JudgingMode {
        RUBRIC,
        PAIRWISE
    }
}
