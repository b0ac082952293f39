#include "util/work_queue.h"

#include <gtest/gtest.h>

#include <thread>

namespace util {
namespace {

TEST(WorkQueue, TryPopTakesWhatIsWaitingAndNeverBlocks) {
  WorkQueue<int> queue;
  EXPECT_FALSE(queue.TryPop().has_value());
  queue.Push(1);
  queue.Push(2);
  EXPECT_EQ(queue.TryPop(), 1);
  EXPECT_EQ(queue.Pop(), 2);
  EXPECT_FALSE(queue.TryPop().has_value());
  queue.Close();
  EXPECT_FALSE(queue.TryPop().has_value());
  EXPECT_FALSE(queue.Push(3));
}

TEST(WorkQueue, ItemsPushedOnAnotherThreadArriveInOrderAndCloseEndsTheConsumer) {
  WorkQueue<int> queue;
  std::thread producer([&queue] {
    for (int i = 0; i < 100; ++i) queue.Push(i);
    queue.Close();
  });
  int expected = 0;
  while (auto item = queue.Pop()) EXPECT_EQ(*item, expected++);
  producer.join();
  EXPECT_EQ(expected, 100);
}

}  // namespace
}  // namespace util
