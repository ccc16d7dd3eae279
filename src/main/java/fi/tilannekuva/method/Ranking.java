package fi.tilannekuva.method;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.when;

/**
 * Rank among areas: 1 is the best by the measure's polarity (the highest value when higher is better, else the
 * lowest); ties share the rank and the next rank skips (1, 2, 2, 4). The country and rows without a value get
 * no rank; {@code areas_ranked} says out of how many.
 */
public final class Ranking {

    public static final String RANK = "rank";
    public static final String RANKED = "areas_ranked";

    private Ranking() {
    }

    /**
     * @param groups         columns identifying one comparison (e.g. year, measure)
     * @param value          the value ranked
     * @param higherIsBetter boolean column: the measure's polarity
     * @param ranked         which rows take part (e.g. areas, not the country, with a value)
     */
    public static Dataset<Row> among(Dataset<Row> rows, List<String> groups, Column value, Column higherIsBetter,
                                    Column ranked) {
        Column[] g = groups.stream().map(c -> col(c)).toArray(Column[]::new);
        Column take = ranked.and(value.isNotNull());
        Column[] partition = new Column[g.length + 1];
        System.arraycopy(g, 0, partition, 0, g.length);
        partition[g.length] = take;
        Column bestFirst = when(higherIsBetter, value.multiply(-1)).otherwise(value);
        WindowSpec order = Window.partitionBy(partition).orderBy(bestFirst);
        WindowSpec all = Window.partitionBy(partition);
        return rows.withColumn(RANK, when(take, rank().over(order)))
                .withColumn(RANKED, when(take, count(value).over(all)));
    }
}
