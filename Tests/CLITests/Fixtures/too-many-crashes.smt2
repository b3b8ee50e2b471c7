; A spec whose crash bound is not below the number of processes.
(set-info :processes 3)
(set-info :crashes 3)
(set-info :rounds 2)

(assert (forall ((i Proc) (j Proc))
  (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))
