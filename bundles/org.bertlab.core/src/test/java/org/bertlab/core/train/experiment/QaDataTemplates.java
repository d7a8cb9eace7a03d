package org.bertlab.core.train.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.bertlab.core.train.SquadJson;

/**
 * Builds the shipped English–Chinese QA set ({@code train/data/qa-*.json}, see the README beside it) from templates,
 * so that it can be rebuilt and checked. Each item is a short paragraph about two invented people and one question
 * about the first. The first person has four facts (of six kinds: home city, age, pet, car colour, workplace,
 * favourite food), the second two, one of them of the kind asked about, so the answer cannot be found by its kind
 * alone: the reader must tie the fact to the name. The two people's sentences come in a random order. The same facts
 * are written in English and in Chinese (names taken from a list of Chinese names at the same position), so the
 * English and Chinese sets of one split are parallel.
 */
final class QaDataTemplates {

    static final long SEED = 15;

    static final int TRAIN = 300;

    static final int TEST = 100;

    private static final String[][] WOMEN = {{"Alice", "王芳"}, {"Anna", "李娜"}, {"Amy", "张敏"}, {"Mary", "陈静"},
        {"Sarah", "赵丽"}, {"Emma", "刘婷"}, {"Lisa", "杨雪"}, {"Kate", "黄梅"}, {"Lily", "周琳"}, {"Grace", "吴红"}};

    private static final String[][] MEN = {{"David", "李伟"}, {"Peter", "张强"}, {"John", "刘洋"}, {"Tom", "陈刚"},
        {"Jack", "杨磊"}, {"Kevin", "黄勇"}, {"Michael", "赵军"}, {"Tony", "周杰"}, {"James", "吴斌"}, {"Sam", "孙涛"}};

    private static final String[][] CITIES = {{"London", "伦敦"}, {"Paris", "巴黎"}, {"Tokyo", "东京"},
        {"Chicago", "芝加哥"}, {"Taipei", "台北"}, {"Singapore", "新加坡"}, {"Oxford", "牛津"}, {"Washington", "华盛顿"}};

    /** English, Chinese, Chinese measure word. */
    private static final String[][] ANIMALS = {{"cat", "猫", "只"}, {"dog", "狗", "只"}, {"fish", "鱼", "条"},
        {"bird", "鸟", "只"}, {"tiger", "老虎", "只"}, {"bear", "熊", "只"}};

    private static final String[][] COLOURS = {{"red", "红色"}, {"blue", "蓝色"}, {"green", "绿色"}, {"black", "黑色"},
        {"white", "白色"}, {"pink", "粉色"}, {"orange", "橙色"}, {"silver", "银色"}, {"gold", "金色"}, {"brown", "棕色"}};

    private static final String[][] FOODS = {{"pizza", "披萨"}, {"cake", "蛋糕"}, {"chicken", "鸡肉"},
        {"chocolate", "巧克力"}, {"cheese", "奶酪"}, {"candy", "糖果"}, {"cookies", "饼干"}};

    private static final String[][] PLACES = {{"hotel", "酒店"}, {"bank", "银行"}, {"school", "学校"},
        {"museum", "博物馆"}, {"library", "图书馆"}, {"airport", "机场"}, {"restaurant", "餐厅"}, {"station", "车站"},
        {"store", "商店"}, {"office", "办公室"}};

    private enum Kind {
        CITY, AGE, PET, CAR, WORK, FOOD
    }

    /** One person: English and Chinese name, whether "she", and a value index per kind (-1: not mentioned). */
    private record Person(String en, String zh, boolean female, int[] values) {
    }

    /** One item's facts: the asked person first, the other second, the sentence order and the question's kind. */
    private record Facts(Person asked, Person other, boolean otherFirst, List<Kind> askedOrder,
        List<Kind> otherOrder, Kind question) {
    }

    /** The four files' items: en-train, zh-train, en-test, zh-test. */
    record Sets(List<SquadJson.Item> enTrain, List<SquadJson.Item> zhTrain, List<SquadJson.Item> enTest,
        List<SquadJson.Item> zhTest) {
    }

    private QaDataTemplates() {
    }

    static Sets build() {
        final Random random = new Random(SEED);
        final List<Facts> train = new ArrayList<>();
        final List<Facts> test = new ArrayList<>();
        for (int i = 0; i < TRAIN + TEST; i++) {
            (i < TRAIN ? train : test).add(facts(random));
        }
        return new Sets(items(train, "en-train", true), items(train, "zh-train", false), items(test, "en-test", true),
            items(test, "zh-test", false));
    }

    private static Facts facts(final Random random) {
        final List<Kind> kinds = new ArrayList<>(List.of(Kind.values()));
        Collections.shuffle(kinds, random);
        final List<Kind> askedOrder = new ArrayList<>(kinds.subList(0, 4));
        final Kind question = askedOrder.get(random.nextInt(askedOrder.size()));
        final List<Kind> rest = new ArrayList<>(kinds);
        rest.remove(question);
        final List<Kind> otherOrder = new ArrayList<>(List.of(question, rest.get(random.nextInt(rest.size()))));
        Collections.shuffle(otherOrder, random);
        final Person asked = person(random, askedOrder, null);
        Person other = person(random, otherOrder, asked);
        // The other person's fact of the asked kind must differ, or the question would have two right answers.
        while (other.values()[question.ordinal()] == asked.values()[question.ordinal()]) {
            other = person(random, otherOrder, asked);
        }
        return new Facts(asked, other, random.nextBoolean(), askedOrder, otherOrder, question);
    }

    private static Person person(final Random random, final List<Kind> kinds, final Person not) {
        String[] name;
        boolean female;
        do {
            female = random.nextBoolean();
            final String[][] names = female ? WOMEN : MEN;
            name = names[random.nextInt(names.length)];
        } while (not != null && name[0].equals(not.en()));
        final int[] values = new int[Kind.values().length];
        Arrays.fill(values, -1);
        for (final Kind k : kinds) {
            values[k.ordinal()] = random.nextInt(size(k));
        }
        return new Person(name[0], name[1], female, values);
    }

    private static int size(final Kind kind) {
        return switch (kind) {
            case CITY -> CITIES.length;
            case AGE -> 50;
            case PET -> ANIMALS.length;
            case CAR -> COLOURS.length;
            case WORK -> PLACES.length;
            case FOOD -> FOODS.length;
        };
    }

    private static List<SquadJson.Item> items(final List<Facts> facts, final String prefix, final boolean english) {
        final List<SquadJson.Item> items = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            final Facts f = facts.get(i);
            final String asked = block(f.asked(), f.askedOrder(), english);
            final String other = block(f.other(), f.otherOrder(), english);
            final String sep = english ? " " : "";
            final String context = f.otherFirst() ? other + sep + asked : asked + sep + other;
            final String answer = value(f.question(), f.asked().values()[f.question().ordinal()], english);
            // The answer is searched for inside the asked person's block, so the other person's value never matches.
            final int blockStart = f.otherFirst() ? other.length() + sep.length() : 0;
            final int start = context.indexOf(answer, blockStart);
            final int end = start + answer.length();
            if (english && (start > 0 && Character.isLetterOrDigit(context.charAt(start - 1))
                || end < context.length() && Character.isLetterOrDigit(context.charAt(end)))) {
                throw new IllegalStateException("answer '" + answer + "' found inside a word of: " + context);
            }
            items.add(new SquadJson.Item(String.format("%s-%04d", prefix, i + 1), prefix, context,
                question(f.question(), f.asked(), english), answer, start, List.of()));
        }
        return items;
    }

    private static String block(final Person p, final List<Kind> order, final boolean english) {
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < order.size(); i++) {
            final String subject = i == 0 ? (english ? p.en() : p.zh()) : english ? p.female() ? "She" : "He"
                : p.female() ? "她" : "他";
            if (english && i > 0) {
                b.append(' ');
            }
            b.append(sentence(order.get(i), subject, p.values()[order.get(i).ordinal()], english));
        }
        return b.toString();
    }

    private static String value(final Kind kind, final int v, final boolean english) {
        final int lang = english ? 0 : 1;
        return switch (kind) {
            case CITY -> CITIES[v][lang];
            case AGE -> String.valueOf(20 + v);
            case PET -> ANIMALS[v][lang];
            case CAR -> COLOURS[v][lang];
            case WORK -> PLACES[v][lang];
            case FOOD -> FOODS[v][lang];
        };
    }

    private static String sentence(final Kind kind, final String s, final int v, final boolean english) {
        final String x = value(kind, v, english);
        if (english) {
            return switch (kind) {
                case CITY -> s + " lives in " + x + ".";
                case AGE -> s + " is " + x + " years old.";
                case PET -> s + " has a " + x + ".";
                case CAR -> s + " drives a " + x + " car.";
                case WORK -> s + " works at the " + x + ".";
                case FOOD -> s + " likes to eat " + x + ".";
            };
        }
        return switch (kind) {
            case CITY -> s + "住在" + x + "。";
            case AGE -> s + "今年" + x + "岁。";
            case PET -> s + "养了一" + ANIMALS[v][2] + x + "。";
            case CAR -> s + "开一辆" + x + "的车。";
            case WORK -> s + "在" + x + "工作。";
            case FOOD -> s + "喜欢吃" + x + "。";
        };
    }

    private static String question(final Kind kind, final Person p, final boolean english) {
        if (english) {
            final String n = p.en();
            return switch (kind) {
                case CITY -> "Where does " + n + " live?";
                case AGE -> "How old is " + n + "?";
                case PET -> "What animal does " + n + " have?";
                case CAR -> "What color is the car of " + n + "?";
                case WORK -> "Where does " + n + " work?";
                case FOOD -> "What does " + n + " like to eat?";
            };
        }
        final String n = p.zh();
        return switch (kind) {
            case CITY -> n + "住在哪里？";
            case AGE -> n + "今年几岁？";
            case PET -> n + "养了什么动物？";
            case CAR -> n + "的车是什么颜色的？";
            case WORK -> n + "在哪里工作？";
            case FOOD -> n + "喜欢吃什么？";
        };
    }
}
