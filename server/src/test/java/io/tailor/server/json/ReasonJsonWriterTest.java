package io.tailor.server.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tailor.scoring.rank.Reason;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReasonJsonWriterTest
{
    @Test
    void shouldWriteEachReasonAndLeaveOutWhatItDoesNotName() throws Exception
    {
        final StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out))
        {
            json.writeStartObject();
            ReasonJsonWriter.write(json, List.of(
                new Reason("bought_together", "Goes with Trail shoe", 0.5f, "run-1", null),
                new Reason("category", "You browse running", 0.25f, null, "apparel/running")));
            json.writeEndObject();
        }

        assertThat(out.toString()).isEqualTo("{\"reasons\":[" +
            "{\"code\":\"bought_together\",\"text\":\"Goes with Trail shoe\",\"contribution\":0.5," +
            "\"product\":\"run-1\"}," +
            "{\"code\":\"category\",\"text\":\"You browse running\",\"contribution\":0.25," +
            "\"category\":\"apparel/running\"}]}");
    }

    @Test
    void shouldWriteWhichInterestTheExplorationSlotsNewArrivalMatched() throws Exception
    {
        final StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out))
        {
            json.writeStartObject();
            ReasonJsonWriter.write(json, List.of(new Reason("new_arrival", "new in sport/running/jackets", 0f, null,
                "sport/running/jackets", null, "content")));
            json.writeEndObject();
        }

        assertThat(out.toString()).isEqualTo("{\"reasons\":[" +
            "{\"code\":\"new_arrival\",\"text\":\"new in sport/running/jackets\",\"contribution\":0.0," +
            "\"category\":\"sport/running/jackets\",\"match\":\"content\"}]}");
    }
}
