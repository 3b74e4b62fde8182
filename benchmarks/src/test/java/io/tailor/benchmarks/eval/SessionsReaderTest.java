package io.tailor.benchmarks.eval;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionsReaderTest
{
    @Test
    void shouldReadSessionsAndCasesWithDenseItemIndicesTrainingFirst() throws IOException
    {
        final SessionData data = SessionsReader.read("tiny", "10 11 10\n\n12 13\n", "11 12\t13\n14\t10\n");

        assertThat(data.itemIds()).containsExactly("10", "11", "12", "13", "14");
        assertThat(data.training()).containsExactly(new int[] {0, 1, 0}, new int[] {2, 3});
        assertThat(data.trainingClicks()).isEqualTo(5);
        assertThat(data.cases()).hasSize(2);
        assertThat(data.cases().get(0).prefix()).containsExactly(1, 2);
        assertThat(data.cases().get(0).target()).isEqualTo(3);
        assertThat(data.cases().get(1).prefix()).containsExactly(4);
        assertThat(data.cases().get(1).target()).isEqualTo(0);
    }

    @Test
    void shouldRejectACaseWithoutTheNextItemNamingTheLine()
    {
        assertThatThrownBy(() -> SessionsReader.read("tiny", "1 2\n", "1 2\t3\n1 2\n"))
            .isInstanceOf(IOException.class)
            .hasMessageContaining("test.txt line 2");
        assertThatThrownBy(() -> SessionsReader.read("tiny", "1 2\n", "1\t2 3\n"))
            .hasMessageContaining("one next item");
    }

    @Test
    void shouldCarveAValidationSplitOfTheMostRecentTrainingSessionsIntoEveryPrefix() throws IOException
    {
        final StringBuilder train = new StringBuilder();
        for (int s = 0; s < 9; s++)
        {
            train.append(s).append(' ').append(s + 1).append('\n');
        }
        train.append("7 8 7\n");
        final SessionData data = SessionsReader.read("tiny", train.toString(), "1\t2\n");

        final SessionEvaluation validation = SessionEvaluation.validation(data, 0, 1L, 20);

        assertThat(validation.training()).hasSize(9);
        final List<SessionCase> cases = validation.cases();
        assertThat(cases).hasSize(2);
        assertThat(cases.get(0).prefix()).containsExactly(data.training().get(9)[0]);
        assertThat(cases.get(1).prefix()).containsExactly(data.training().get(9)[0], data.training().get(9)[1]);
        assertThat(cases.get(1).targetNew()).isFalse();
    }

    @Test
    void shouldSampleCasesWithoutReplacementInTheirOrder() throws IOException
    {
        final StringBuilder test = new StringBuilder();
        for (int c = 0; c < 50; c++)
        {
            test.append(c).append('\t').append(c + 1).append('\n');
        }
        final SessionData data = SessionsReader.read("tiny", "0 1\n", test.toString());

        final List<SessionCase> sampled = SessionEvaluation.sample(data.cases(), 10, 7L);

        assertThat(sampled).hasSize(10).doesNotHaveDuplicates();
        assertThat(sampled).isSortedAccordingTo((a, b) -> Integer.compare(data.cases().indexOf(a),
            data.cases().indexOf(b)));
        assertThat(SessionEvaluation.sample(data.cases(), 10, 7L)).isEqualTo(sampled);
        assertThat(SessionEvaluation.sample(data.cases(), 0, 7L)).hasSize(50);
    }
}
